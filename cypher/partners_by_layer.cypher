// Question: With which bodies is a body tied, in which layer of cooperation, and through
//   how many shared contexts (cooperations, solutions, grants, programmes, services)?
//
// Parameters:
//   body (string): id of the body (look it up with find_body)
//   :param body => 'ags-06';
//   layers (list, default ['cooperation', 'reuse', 'money', 'programme', 'service']): layers to show: cooperation (members of one Cooperation), reuse (makers of a Solution with each other and with its users), money (payer and recipient of a FUNDS), programme (participants of one Programme), service (a body and the provider it is SERVED_BY)
//   :param layers => ['cooperation', 'reuse', 'money', 'programme', 'service'];
//
// Columns:
//   layer: cooperation, reuse, money, programme or service
//   partner: id of the tied body (for money: the recipient or payer, a Cooperation or
//     Programme where the grant goes to one)
//   label: its label
//   name: its name
//   contexts: number of shared contexts in this layer
//   via: ids of those contexts (Cooperation, Solution, FUNDS relationship, Programme,
//     SERVED_BY relationship)
//
// Notes: the same rule as the analyses' ties (ozggraph.network.ties): two users of one
//   Solution are not tied, only users and makers; a former member or planned accession
//   ties no one. Layers first, then most contexts first.

MATCH (b:OzgGraph {id: $body})
CALL (b) {
  MATCH (b)-[m1:MEMBER_OF]->(c:Cooperation)<-[m2:MEMBER_OF]-(p)
  WHERE p <> b AND NOT coalesce(m1.relation, '') IN ['former member', 'accession planned']
    AND NOT coalesce(m2.relation, '') IN ['former member', 'accession planned']
  RETURN 'cooperation' AS layer, p, c.id AS via
  UNION ALL
  MATCH (b)-[:DEVELOPS|OPERATES|PROVIDES]->(s:Solution)<-[:DEVELOPS|OPERATES|PROVIDES|REUSES]-(p)
  WHERE p <> b
  RETURN 'reuse' AS layer, p, s.id AS via
  UNION ALL
  MATCH (b)-[:REUSES]->(s:Solution)<-[:DEVELOPS|OPERATES|PROVIDES]-(p)
  WHERE p <> b
  RETURN 'reuse' AS layer, p, s.id AS via
  UNION ALL
  MATCH (b)-[f:FUNDS]-(p)
  RETURN 'money' AS layer, p, f.id AS via
  UNION ALL
  MATCH (b)-[:PARTICIPATES_IN]->(g:Programme)<-[:PARTICIPATES_IN]-(p)
  WHERE p <> b
  RETURN 'programme' AS layer, p, g.id AS via
  UNION ALL
  MATCH (b)-[r:SERVED_BY]-(p)
  RETURN 'service' AS layer, p, r.id AS via
}
WITH layer, p, collect(DISTINCT via) AS via
WHERE layer IN $layers
RETURN
  layer,
  p.id AS partner,
  [label IN labels(p) WHERE label <> 'OzgGraph'][0] AS label,
  p.name AS name,
  size(via) AS contexts,
  via
ORDER BY layer, contexts DESC, name
