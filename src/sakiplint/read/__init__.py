"""Reading: bytes to text (``source``), text to blocks (``blocks``) and tables (``tables``),
cells and numbers (``cells``, ``numfmt``, ``numwords``) parsed by the Lark grammars
(``grammars``), prose (``prose``), and the whole document model in one call (``parse``)."""
