// Question: Who takes part in a funding or support programme, who funds it, with which
//   announced total, and how much of it reached each participant?
//
// Parameters:
//   programme (string): id of the Programme
//   :param programme => 'prog-he-ozg-modellkommunen';
//
// Columns:
//   programme: name of the programme
//   programme_total_eur: the programme's budget as its source gives it
//   programme_amount_kind: exact or approximate (a bound is in programme_bound_eur)
//   programme_bound_eur: the budget's bound, if the source gives only a bound
//   programme_evidence: how sure that budget is (fact, agreed, promised, planned ...)
//   funders: names of the bodies with FUNDS into the programme
//   id: id of the participant
//   label: its label
//   name: its name
//   land: its Land (PART_OF up to the State); null for a cooperation
//   role: role in the programme as the source names it
//   evidence: how sure the participation is
//   received_eur: sum of FUNDS to the participant that name this programme; null if none
//   relationship_id: id of the PARTICIPATES_IN relationship
//
// Notes: one row per participant; a programme without participants returns no rows.

MATCH (p:Programme {id: $programme})
WITH p, COLLECT { MATCH (funder:OzgGraph)-[:FUNDS]->(p) RETURN DISTINCT funder.name } AS funders
MATCH (x:OzgGraph)-[r:PARTICIPATES_IN]->(p)
WITH p, funders, x, r,
     COLLECT { MATCH (x)<-[g:FUNDS]-() WHERE g.programme = p.id RETURN g.amount_eur } AS grants
RETURN
  p.name AS programme,
  p.amount_eur AS programme_total_eur,
  p.amount_kind AS programme_amount_kind,
  p.amount_bound_eur AS programme_bound_eur,
  p.evidence AS programme_evidence,
  funders,
  x.id AS id,
  [label IN labels(x) WHERE label <> 'OzgGraph'][0] AS label,
  x.name AS name,
  head(COLLECT { MATCH (x)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land,
  r.role AS role,
  r.evidence AS evidence,
  CASE WHEN size(grants) = 0 THEN null
       ELSE reduce(total = 0.0, amount IN grants | total + amount) END AS received_eur,
  r.id AS relationship_id
ORDER BY name
