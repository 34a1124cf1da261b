// Question: What are the shortest chains of relationships between two bodies?
//
// Parameters:
//   a (string): id of the first body
//   :param a => 'ags-06431002';
//   b (string): id of the second body
//   :param b => 'ags-06532023';
//   exclude_types (list, default ['PART_OF']): relationship types not to walk; the default
//     leaves out the territorial hierarchy, which links any two bodies of one Land
//   :param exclude_types => ['PART_OF'];
//
// Columns:
//   hops: number of relationships on the path
//   path: the path as text, arrows in the relationships' direction
//   via: names of the nodes between a and b
//   types: relationship types along the path
//   relationship_ids: ids of the relationships (see relationship_sources)
//
// Notes: all shortest paths (up to 10 hops), in either direction; none if there is no path.

MATCH (a:OzgGraph {id: $a})
MATCH (b:OzgGraph {id: $b})
MATCH p = allShortestPaths((a)-[*..10]-(b))
WHERE none(r IN relationships(p) WHERE type(r) IN $exclude_types)
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN
  length(p) AS hops,
  reduce(text = ns[0].name, i IN range(0, size(rs) - 1) |
    text
    + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -' + type(rs[i]) + '-> '
           ELSE ' <-' + type(rs[i]) + '- ' END
    + ns[i + 1].name) AS path,
  [n IN ns[1..-1] | n.name] AS via,
  [r IN rs | type(r)] AS types,
  [r IN rs | r.id] AS relationship_ids
ORDER BY path
