// Question: What is directly tied to one body: each relationship in either direction,
//   with the node at the other end and the relationship's facts (role, stage, money, dates)?
//
// Parameters:
//   body (string): id of the body or any other node (look it up with find_body)
//   :param body => 'ags-06431002';
//
// Columns:
//   direction: 'out' (body -> other) or 'in' (other -> body)
//   type: relationship type
//   other_id: id of the node at the other end
//   other_label: its label
//   other_name: its name
//   role: role (MEMBER_OF, PARTICIPATES_IN, HOLDS_OFFICE, ATTENDS), else null
//   stage: stage of a REUSES, else null
//   status: status of a FUNDS, else null
//   amount_eur: amount of a FUNDS, if the source gives one
//   date: date of the relationship as precise as its source
//   relationship_id: id of the relationship (see relationship_sources)
//   sources: ids of the Source nodes behind it
//
// Notes: a Land or Kreis has every unit below it as PART_OF 'in'; filter by type if that is noise.

MATCH (body:OzgGraph {id: $body})
MATCH (body)-[r]-(other:OzgGraph)
RETURN
  CASE WHEN startNode(r) = body THEN 'out' ELSE 'in' END AS direction,
  type(r) AS type,
  other.id AS other_id,
  [label IN labels(other) WHERE label <> 'OzgGraph'][0] AS other_label,
  other.name AS other_name,
  r.role AS role,
  r.stage AS stage,
  r.status AS status,
  r.amount_eur AS amount_eur,
  r.date AS date,
  r.id AS relationship_id,
  r.sources AS sources
ORDER BY type, direction, other_name
