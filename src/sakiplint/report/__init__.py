"""Writing findings out: text, JSON, SARIF, GitHub workflow commands, and table views."""
