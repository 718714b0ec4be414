"""Forms of the public site and the editors' tools, one module per area."""
