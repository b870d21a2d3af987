"""A spec whose every text is hostile to Mermaid, D2, CSV and YAML alike, for the export tests and checks."""

from orgcharts.spec.models import OrgSpec

__all__ = ["HOSTILE_TEXTS", "hostile_spec"]

HOSTILE_TEXTS = ['Say "hi" & <b>bye</b>', "end", "subgraph x", "A --> B", "#35; #quot; #", "semi; colon",
                 "[brackets] {braces} (parens) |pipe|", "back\\slash $HOME ${x}", "line\nbreak", "Zoë 😀 日本",
                 "=HYPERLINK(\"x\")", "-minus", "@at", "%% comment", "`tick`", "classDef x fill:#f00",
                 "style r_a fill:red", "direction: right", "label", "a: b", "no", "1:30", "'single'"]


def hostile_spec() -> OrgSpec:
    """Every view has data; every title, name, duty, phase and unit name is a hostile string."""
    t = HOSTILE_TEXTS
    return OrgSpec.model_validate({
        "org": t[1], "title": t[0], "description": t[4],
        "sides": {"client": {"name": t[2], "description": t[3]}, "team": {"name": t[4], "units": ["u-b"]}},
        "units": [{"id": "u-a", "name": t[5]}, {"id": "u-b", "name": t[6], "parent": "u-a"}],
        "roles": [
            {"id": "end", "title": t[7], "unit": "u-a", "people": [t[8], t[9]], "client_facing": [t[10], t[11]],
             "internal": [t[12]]},
            {"id": "subgraph", "title": t[13], "unit": "u-b", "reports_to": "end", "people": [t[14]],
             "headcount": 3, "client_facing": [t[15]], "internal": [t[16], t[17]]},
            {"id": "style", "title": t[18], "reports_to": "end", "dotted_to": ["subgraph"], "assistant": True},
            {"id": "label", "title": t[19], "unit": "u-b", "reports_to": "subgraph", "people": [t[20], t[21]],
             "internal": [t[22]]},
        ],
        "raci": [{"activity": t[0], "phase": t[1], "responsible": ["subgraph"], "accountable": "end",
                  "consulted": ["label"]},
                 {"activity": t[6], "phase": t[4], "responsible": ["label", "style"], "accountable": "subgraph"}],
        "accounts": [{"id": "acct", "client": t[3], "description": t[8], "lead": {"role": "end", "person": t[9]},
                      "project_manager": "subgraph", "contributors": [{"role": "label", "person": t[21]}, "style"]}],
    })
