// Question: How much funding has a body received, by evidence and year: straight to it,
//   and through the cooperations it is a member of?
//
// Parameters:
//   body (string): id of the recipient (a Cooperation, a Municipality, ...)
//   :param body => 'coop-rhein-neckar-ozg';
//   evidence (list, default ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived']): evidence values to keep (docs/dataset.md), e.g. ['fact'] for facts only
//   :param evidence => ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived'];
//
// Columns:
//   evidence: fact (awarded), agreed, promised, planned, ... (never add them up across
//     evidence values)
//   year: year of the grant as its source dates it; null if the source gives no date
//   via: 'direct', or the name of the cooperation the money went to
//   total_eur: sum of the amounts the sources give (0 if none gives one)
//   grants: number of FUNDS relationships
//   grants_without_amount: how many of them name no amount
//   funders: names of the funders
//   programmes: ids of the programmes the grants belong to
//   relationship_ids: ids of the FUNDS relationships (see relationship_sources)
//
// Notes: money to a cooperation is shown for each member, not split between them.
//   Programme totals stay on the Programme (see programme_participants).

MATCH (body:OzgGraph {id: $body})
CALL (body) {
  // money straight to the body
  MATCH (funder:OzgGraph)-[f:FUNDS]->(body)
  RETURN funder, f, 'direct' AS via
  UNION
  // money to a cooperation the body is a member of
  MATCH (body)-[:MEMBER_OF]->(c:Cooperation)<-[f:FUNDS]-(funder:OzgGraph)
  RETURN funder, f, c.name AS via
}
WITH funder, f, via WHERE f.evidence IN $evidence
RETURN
  f.evidence AS evidence,
  left(f.date, 4) AS year,
  via,
  sum(coalesce(f.amount_eur, 0.0)) AS total_eur,
  count(f) AS grants,
  count(f) - count(f.amount_eur) AS grants_without_amount,
  collect(DISTINCT funder.name) AS funders,
  collect(DISTINCT f.programme) AS programmes,
  collect(f.id) AS relationship_ids
ORDER BY year, evidence, via
