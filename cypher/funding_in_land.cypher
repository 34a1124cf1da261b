// Question: Which funding flows within, into or out of a Land, by evidence and year?
//
// Parameters:
//   land (string): id of the State
//   :param land => 'ags-06';
//   evidence (list, default ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived']): evidence values to keep (docs/dataset.md), e.g. ['fact'] for facts only
//   :param evidence => ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived'];
//
// Columns:
//   evidence: fact (awarded), agreed, promised, planned, ... (never add them up across
//     evidence values)
//   year: year of the grant as its source dates it; null if the source gives no date
//   flow: 'within' (funder and recipient in the Land), 'out' (only the funder is known
//     to be in the Land, e.g. a programme without participants), 'in' (only the recipient)
//   total_eur: sum of the amounts given on the FUNDS relationships (0 if none)
//   grants: number of FUNDS relationships
//   grants_without_amount: how many of them name no amount
//   funders: names of the funders
//   recipients: names of the recipients
//   relationship_ids: ids of the FUNDS relationships (see relationship_sources)
//
// Notes: a node is in the Land if it is the State, lies below it (PART_OF*), or is a
//   Cooperation or Programme with a member or participant that does. Programme budgets
//   are apart from grants: see programme_budgets.

MATCH (land:State {id: $land})
MATCH (funder:OzgGraph)-[f:FUNDS]->(recipient:OzgGraph)
WITH land, funder, f, recipient,
     EXISTS { (funder)-[:PART_OF*0..5]->(land) }
       OR EXISTS { (funder)<-[:MEMBER_OF|PARTICIPATES_IN]-()-[:PART_OF*0..5]->(land) }
       AS funder_in,
     EXISTS { (recipient)-[:PART_OF*0..5]->(land) }
       OR EXISTS { (recipient)<-[:MEMBER_OF|PARTICIPATES_IN]-()-[:PART_OF*0..5]->(land) }
       AS recipient_in
WHERE (funder_in OR recipient_in) AND f.evidence IN $evidence
RETURN
  f.evidence AS evidence,
  left(f.date, 4) AS year,
  CASE WHEN funder_in AND recipient_in THEN 'within'
       WHEN funder_in THEN 'out'
       ELSE 'in' END AS flow,
  sum(coalesce(f.amount_eur, 0.0)) AS total_eur,
  count(f) AS grants,
  count(f) - count(f.amount_eur) AS grants_without_amount,
  collect(DISTINCT funder.name) AS funders,
  collect(DISTINCT recipient.name) AS recipients,
  collect(f.id) AS relationship_ids
ORDER BY year, evidence, flow
