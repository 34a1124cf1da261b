// Question: Which bodies broker between groups: who has a brokerage role or high
//   betweenness, and how many other communities do its direct ties reach?
//
// Parameters:
//   limit (int, default 20): at most this many rows
//   :param limit => 20;
//
// Columns:
//   id: id of the node
//   label: its label
//   name: its name
//   brokerage_role: Gould-Fernandez role written by 'ozggraph analyze --write'
//     (coordinator, gatekeeper, representative, liaison, itinerant)
//   betweenness: betweenness centrality written by the same
//   community: id of its own community
//   other_communities: number of other communities among its direct neighbours
//   neighbour_communities: those communities' ids, sorted
//
// Notes: no rows until 'ozggraph analyze --write' has run. Hierarchy (PART_OF) and
//   catalogue (BELONGS_TO) ties do not count as reaching a community. Highest
//   betweenness first.

MATCH (n:OzgGraph)
WHERE n.brokerage_role IS NOT NULL OR n.betweenness IS NOT NULL
WITH n,
     COLLECT {
       MATCH (n)-[r]-(m:OzgGraph)
       WHERE NOT type(r) IN ['PART_OF', 'BELONGS_TO']
         AND m.community IS NOT NULL
         AND m.community <> coalesce(n.community, -1)
       RETURN DISTINCT m.community AS community ORDER BY community
     } AS neighbour_communities
RETURN
  n.id AS id,
  [label IN labels(n) WHERE label <> 'OzgGraph'][0] AS label,
  n.name AS name,
  n.brokerage_role AS brokerage_role,
  n.betweenness AS betweenness,
  n.community AS community,
  size(neighbour_communities) AS other_communities,
  neighbour_communities
ORDER BY coalesce(n.betweenness, -1.0) DESC, other_communities DESC, name
LIMIT $limit
