"""Knowledge derived once per document (``Document.memo``): indicator identity and table roles
(``identity``), the time frame (``timeframe``), the claims sentences make (``claims``), links
from sentences to indicators (``links``), counts (``counts``), budget links (``budget_links``),
rating scales and surveys (``scales``) and stated capaian formulas (``formulas``)."""
