// Question: Which funding programmes and joint projects does a body take part in: in
//   which round, decided when, in which role, with whom, and with how much money?
//
// Parameters:
//   body (string): id of the body
//   :param body => 'ags-05974040';
//
// Columns:
//   programme_id: id of the programme (the whole programme, not the round)
//   programme: its name
//   round_id: id of the round (a Programme PART_OF the programme); the programme itself
//     when it has no rounds
//   round: name of the round
//   decision_date: date of the decision on the participation
//   project_id: id of the joint project (a Cooperation) the body takes part through;
//     null when it takes part on its own
//   project: name of that project
//   role: the body's role (sole recipient; lead, partner ... in a project)
//   partners: names of the other members of the project
//   funders: names of the bodies with FUNDS into the programme
//   amount_eur: money the source gives for this participation (on the project or
//     recipient, once; never copied to each partner); null if unknown
//   amount_bound_eur: a bound instead of an amount ("more than 11 Mio")
//   amount_kind: exact, approximate, at_least, at_most
//
// Notes: one row per participation, by decision date.

MATCH (b:OzgGraph {id: $body})
CALL (b) {
  MATCH (b)-[r:PARTICIPATES_IN]->(rnd:Programme)
  RETURN rnd, r, null AS project, r.role AS role
  UNION
  MATCH (b)-[m:MEMBER_OF]->(project:Cooperation)-[r:PARTICIPATES_IN]->(rnd:Programme)
  RETURN rnd, r, project, m.role AS role
}
OPTIONAL MATCH (rnd)-[:PART_OF]->(parent:Programme)
WITH b, rnd, r, project, role, coalesce(parent, rnd) AS prog,
     coalesce(project, b) AS recipient
OPTIONAL MATCH (:OzgGraph)-[g:FUNDS]->(recipient) WHERE g.programme = rnd.id
RETURN
  prog.id AS programme_id,
  prog.name AS programme,
  rnd.id AS round_id,
  rnd.name AS round,
  coalesce(r.date, rnd.date) AS decision_date,
  project.id AS project_id,
  project.name AS project,
  role,
  CASE WHEN project IS NULL THEN []
       ELSE COLLECT { MATCH (other)-[:MEMBER_OF]->(project) WHERE other <> b
                      RETURN other.name ORDER BY other.name } END AS partners,
  COLLECT { MATCH (f:OzgGraph)-[:FUNDS]->(prog) RETURN DISTINCT f.name } AS funders,
  g.amount_eur AS amount_eur,
  g.amount_bound_eur AS amount_bound_eur,
  g.amount_kind AS amount_kind
ORDER BY decision_date, programme
