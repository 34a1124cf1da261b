// Question: How are two bodies connected: every relationship between them and every path
//   of a few hops through other nodes (shared cooperations, common funders, the same
//   Kreis, ...), in the manner of LittleSis' "connections"?
//
// Parameters:
//   a (string): id of the first body
//   :param a => 'ags-06431002';
//   b (string): id of the second body
//   :param b => 'ags-06431020';
//   max_hops (int, default 3): longest path to show, 1 to 3 (1 = direct relationships only)
//   :param max_hops => 3;
//   exclude_types (list, default []): relationship types not to walk, e.g. ['PART_OF']
//   :param exclude_types => [];
//
// Columns:
//   hops: number of relationships on the path (1 = direct)
//   path: the path as text, arrows in the relationships' direction
//   via: names of the nodes between a and b
//   types: relationship types along the path
//   evidence: evidence of each relationship along the path (null where it is no claim)
//   relationship_ids: ids of the relationships (see relationship_sources)
//
// Notes: paths visit no node twice; shortest first. Hops are capped at 3 because a
//   longer search through the hierarchy would list thousands of paths.

MATCH (a:OzgGraph {id: $a})
MATCH (b:OzgGraph {id: $b})
MATCH p = (a)-[*1..3]-(b)
WHERE length(p) <= $max_hops
  // a simple path: no node twice
  AND all(i IN range(1, length(p)) WHERE NOT nodes(p)[i] IN nodes(p)[0..i])
  AND none(r IN relationships(p) WHERE type(r) IN $exclude_types)
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
  [r IN rs | r.evidence] AS evidence,
  [r IN rs | r.id] AS relationship_ids
ORDER BY hops, path
