"""Writing findings out: text, JSON, SARIF, GitHub workflow commands, the HTML review page,
and table views."""
