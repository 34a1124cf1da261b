// Question: What is directly tied to one body: each relationship in either direction,
//   with the node at the other end and the relationship's facts (role, stage, money, dates)?
//
// Parameters:
//   body (string): id of the body or any other node (look it up with find_body)
//   :param body => 'ags-06431002';
//   evidence (list, default ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived']): evidence values of claims to keep (relationships that are no claim are always kept) (docs/dataset.md), e.g. ['fact'] for facts only
//   :param evidence => ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived'];
//
// Columns:
//   direction: 'out' (body -> other) or 'in' (other -> body)
//   type: relationship type
//   other_id: id of the node at the other end
//   other_label: its label
//   other_name: its name
//   role: role (MEMBER_OF, PARTICIPATES_IN, HOLDS_OFFICE, ATTENDS), else null
//   stage: stage of a REUSES, else null
//   evidence: how sure a claim is (fact, planned, ...; docs/dataset.md), else null
//   amount_eur: amount of a FUNDS, if the source gives one
//   date: date of the relationship as precise as its source
//   relationship_id: id of the relationship (see relationship_sources)
//   sources: ids of the Source nodes behind it
//
// Notes: a Land or Kreis has every unit below it as PART_OF 'in'; filter by type if that is noise.

MATCH (body:OzgGraph {id: $body})
MATCH (body)-[r]-(other:OzgGraph)
WHERE r.evidence IS NULL OR r.evidence IN $evidence
RETURN
  CASE WHEN startNode(r) = body THEN 'out' ELSE 'in' END AS direction,
  type(r) AS type,
  other.id AS other_id,
  [label IN labels(other) WHERE label <> 'OzgGraph'][0] AS other_label,
  other.name AS other_name,
  r.role AS role,
  r.stage AS stage,
  r.evidence AS evidence,
  r.amount_eur AS amount_eur,
  r.date AS date,
  r.id AS relationship_id,
  r.sources AS sources
ORDER BY type, direction, other_name
