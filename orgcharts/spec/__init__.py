"""Reading a spec: YAML with positions -> validated Pydantic models, and what a role is."""
