// Question: What happened around a body, in order: every dated fact about it, its
//   relationships and the cooperations, programmes and events next to it?
//
// Parameters:
//   body (string): id of the body (look it up with find_body)
//   :param body => 'ags-06431002';
//
// Columns:
//   date: the date as precise as its source (YYYY, YYYY-MM or YYYY-MM-DD)
//   kind: date, valid_from or valid_to of the fact; 'reported' when the fact has no
//     date of its own and the date is that of the earliest source reporting it
//   fact: the fact in words
//   type: relationship type, or the label of a neighbouring node whose own date it is
//   other_id: id of the node at the other end (or of the dated neighbour)
//   relationship_id: id of the relationship (see relationship_sources); null for a node's date
//   evidence: how sure the fact is (a claim's or an Event's evidence), else null
//   sources: ids of the Source nodes behind it
//
// Notes: partial dates sort as text, so '2021' comes before '2021-03-30'.
//   Hierarchy (PART_OF) and catalogue (BELONGS_TO) ties get no 'reported' date.

MATCH (body:OzgGraph {id: $body})
CALL (body) {
  // the body's own dates
  UNWIND [['date', body.date], ['valid_from', body.valid_from], ['valid_to', body.valid_to]]
    AS pair
  WITH body, pair WHERE pair[1] IS NOT NULL
  RETURN pair[1] AS date, pair[0] AS kind, body.name AS fact,
         [label IN labels(body) WHERE label <> 'OzgGraph'][0] AS type,
         body.id AS other_id, null AS relationship_id, body.sources AS sources,
         body.evidence AS evidence
  UNION
  // dates of its relationships; undated ones by the date they were first reported
  MATCH (body)-[r]-(other:OzgGraph)
  WITH body, r, other,
       head(COLLECT {
         MATCH (s:Source) WHERE s.id IN r.sources AND s.date IS NOT NULL
         RETURN s.date ORDER BY s.date
       }) AS reported
  UNWIND [['date', r.date], ['valid_from', r.valid_from], ['valid_to', r.valid_to],
          ['reported', CASE WHEN r.date IS NULL AND r.valid_from IS NULL
                             AND NOT type(r) IN ['PART_OF', 'BELONGS_TO']
                            THEN reported END]] AS pair
  WITH body, r, other, pair WHERE pair[1] IS NOT NULL
  RETURN pair[1] AS date, pair[0] AS kind,
         startNode(r).name + ' ' + type(r) + ' ' + endNode(r).name
           + coalesce(' (' + coalesce(r.role, r.stage) + ')', '') AS fact,
         type(r) AS type, other.id AS other_id, r.id AS relationship_id, r.sources AS sources,
         r.evidence AS evidence
  UNION
  // dates of the cooperations, programmes and events it is tied to
  MATCH (body)--(other:Cooperation|Programme|Event)
  UNWIND [['date', other.date], ['valid_from', other.valid_from], ['valid_to', other.valid_to]]
    AS pair
  WITH other, pair WHERE pair[1] IS NOT NULL
  RETURN DISTINCT pair[1] AS date, pair[0] AS kind, other.name AS fact,
         [label IN labels(other) WHERE label <> 'OzgGraph'][0] AS type,
         other.id AS other_id, null AS relationship_id, other.sources AS sources,
         other.evidence AS evidence
}
RETURN date, kind, fact, type, other_id, relationship_id, evidence, sources
ORDER BY date, kind, fact
