"""Check functions of the built-in rules (their metadata lives in the rules/ pack)."""
