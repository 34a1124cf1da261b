// Question: Which sources stand behind a relationship, and what does each say about
//   where it comes from (publisher, date, address, quality)?
//
// Parameters:
//   relationship (string): id of the relationship, TYPE:source->target[#key], as other
//     queries return it in relationship_id
//   :param relationship => 'FUNDS:min-he-hmdis->coop-rhein-neckar-ozg';
//
// Columns:
//   relationship_id: the relationship asked about
//   type: its type
//   from_name: name of its start node
//   to_name: name of its end node
//   note: our note on the relationship (how the source was read)
//   evidence: how sure the relationship is (fact, planned, inferred ...), null if no claim
//   source_id: id of the Source node
//   title: the source's title
//   publisher: who published it
//   date: its date as precise as known
//   url: where it can be read
//   kind: what kind of document it is
//   quality: how far it can be trusted, if assessed
//
// Notes: one row per source, in the order the relationship cites them. The start node's
//   id is read from the relationship id, so the lookup uses the id index.

WITH $relationship AS rid
// TYPE:source->target#key: the start node id sits between the first ':' and '->'
WITH rid, split(substring(rid, size(split(rid, ':')[0]) + 1), '->')[0] AS start_id
MATCH (a:OzgGraph {id: start_id})-[r]->(b:OzgGraph)
WHERE r.id = rid
UNWIND range(0, size(r.sources) - 1) AS i
MATCH (s:Source {id: r.sources[i]})
RETURN
  r.id AS relationship_id,
  type(r) AS type,
  a.name AS from_name,
  b.name AS to_name,
  r.note AS note,
  r.evidence AS evidence,
  s.id AS source_id,
  s.name AS title,
  s.publisher AS publisher,
  s.date AS date,
  s.url AS url,
  s.kind AS kind,
  s.quality AS quality
ORDER BY i
