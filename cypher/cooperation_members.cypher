// Question: Who are the members of a cooperation, in which role, and which other bodies
//   are tied to it as partners (funders, programmes, solutions, events, people)?
//
// Parameters:
//   cooperation (string): id of the Cooperation (look it up with find_body)
//   :param cooperation => 'coop-ikz-ozg-giessen-wetzlar-fulda-marburg-limburg';
//
// Columns:
//   relation: 'member' for a MEMBER_OF into the cooperation, else the relationship type
//     (FUNDS, PARTICIPATES_IN, DEVELOPS, REUSES, ...)
//   direction: 'in' (partner -> cooperation) or 'out' (cooperation -> partner)
//   id: id of the member or partner
//   label: its label
//   name: its name
//   land: its Land (PART_OF up to the State); null for bodies without one
//   role: role given on the relationship (MEMBER_OF, PARTICIPATES_IN), else null
//   evidence: how sure the relationship is (fact, derived, inferred, planned ...)
//   relationship_id: id of the relationship (see relationship_sources)
//   sources: ids of the Source nodes behind the relationship
//
// Notes: members first, then partners by relationship type and name.

MATCH (c:Cooperation {id: $cooperation})
MATCH (c)-[r]-(other:OzgGraph)
WITH c, r, other,
     type(r) = 'MEMBER_OF' AND endNode(r) = c AS is_member
RETURN
  CASE WHEN is_member THEN 'member' ELSE type(r) END AS relation,
  CASE WHEN endNode(r) = c THEN 'in' ELSE 'out' END AS direction,
  other.id AS id,
  [label IN labels(other) WHERE label <> 'OzgGraph'][0] AS label,
  other.name AS name,
  head(COLLECT { MATCH (other)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land,
  r.role AS role,
  r.evidence AS evidence,
  r.id AS relationship_id,
  r.sources AS sources
ORDER BY is_member DESC, relation, name
