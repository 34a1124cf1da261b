// Question: Which OZG services (OZG-Leistungen) do bodies of a kind address, per Themenfeld,
//   either directly or through a solution they develop, operate, provide or reuse?
//
// Parameters:
//   labels (list, default ['State', 'Ministry']): labels of the actors to count, e.g.
//     ['State', 'Ministry'] for the Einer-für-Alle work of the Länder, or ['Cooperation']
//   :param labels => ['State', 'Ministry'];
//
// Columns:
//   themenfeld: name of the OZG Themenfeld
//   services: number of distinct OZG services addressed in it
//   service_names: their names
//   lebenslagen: the Lebenslagen (catalogue level between service and Themenfeld)
//   actors: names of the actors addressing them
//   solutions: names of the solutions the services are reached through
//
// Notes: path: actor -ADDRESSES-> OZGService, or actor -DEVELOPS|OPERATES|PROVIDES|REUSES->
//   Solution -IMPLEMENTS|ADDRESSES-> OZGService; then OZGService -BELONGS_TO-> Lebenslage
//   -BELONGS_TO-> Themenfeld. Topics a cooperation addresses that are not catalogue
//   services do not count.

// from the few catalogue services (indexed by label) back to who reaches them
MATCH (service:OZGService)
CALL (service) {
  MATCH (actor:OzgGraph)-[:ADDRESSES]->(service)
  RETURN actor, null AS solution
  UNION
  MATCH (actor:OzgGraph)-[:DEVELOPS|OPERATES|PROVIDES|REUSES]->(solution:Solution)
        -[:IMPLEMENTS|ADDRESSES]->(service)
  RETURN actor, solution
}
WITH service, actor, solution
WHERE any(label IN labels(actor) WHERE label IN $labels)
MATCH (service)-[:BELONGS_TO]->(lebenslage:Topic)-[:BELONGS_TO]->(themenfeld:Topic)
RETURN
  themenfeld.name AS themenfeld,
  count(DISTINCT service) AS services,
  collect(DISTINCT service.name) AS service_names,
  collect(DISTINCT lebenslage.name) AS lebenslagen,
  collect(DISTINCT actor.name) AS actors,
  collect(DISTINCT solution.name) AS solutions
ORDER BY services DESC, themenfeld
