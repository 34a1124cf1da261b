// Question: What budget does each programme have, how sure is it, and who funds it,
//   kept apart from the grants paid under it?
//
// Parameters:
//   evidence (list, default ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived']): evidence values to keep (docs/dataset.md), e.g. ['fact'] for facts only
//   :param evidence => ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived'];
//
// Columns:
//   id: id of the Programme
//   name: its name
//   evidence: how sure the budget is (fact = reported as spent or granted, agreed,
//     promised, planned ...); never add budgets up across evidence values
//   amount_eur: the budget as its source gives it (exact or approximate); null if the
//     source gives only a bound or nothing
//   amount_kind: exact, approximate ('rund', 'knapp'), at_least or at_most
//   bound_eur: the bound of an at_least/at_most budget
//   funders: names of the bodies with FUNDS into the programme
//   grants_eur: sum of the grants that name this programme (part of the budget, not added)
//   relationship_ids: ids of the FUNDS into the programme (see relationship_sources)
//
// Notes: budgets given on FUNDS into the programme (one per funder) are shown per
//   funder relationship in funding_in_land; this query reads the budget on the
//   Programme node, as ozggraph's report does when no FUNDS into it names an amount.

MATCH (p:Programme)
WHERE (p.amount_eur IS NOT NULL OR p.amount_bound_eur IS NOT NULL)
  AND coalesce(p.evidence, 'fact') IN $evidence
RETURN
  p.id AS id,
  p.name AS name,
  coalesce(p.evidence, 'fact') AS evidence,
  p.amount_eur AS amount_eur,
  p.amount_kind AS amount_kind,
  p.amount_bound_eur AS bound_eur,
  COLLECT { MATCH (f:OzgGraph)-[:FUNDS]->(p) RETURN DISTINCT f.name ORDER BY f.name } AS funders,
  COLLECT { MATCH ()-[g:FUNDS]->() WHERE g.programme = p.id
            RETURN sum(coalesce(g.amount_eur, 0.0)) }[0] AS grants_eur,
  COLLECT { MATCH ()-[r:FUNDS]->(p) RETURN r.id ORDER BY r.id } AS relationship_ids
ORDER BY evidence, name
