"""One builder per chart kind: an OrgSpec -> Diagrams (what is drawn, no geometry); the registry names them."""
