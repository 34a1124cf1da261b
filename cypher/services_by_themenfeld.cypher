// Question: Which OZG services (OZG-Leistungen) do cooperations address, per Themenfeld,
//   either directly or through a solution they develop, operate, provide or reuse?
//
// Parameters:
//   labels (list, default ['Cooperation']): labels of the actors to count, e.g.
//     ['Cooperation'] or ['State', 'Ministry'] for the Einer-für-Alle work of the Länder
//   :param labels => ['Cooperation'];
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

MATCH (actor:OzgGraph)
WHERE any(label IN labels(actor) WHERE label IN $labels)
CALL (actor) {
  MATCH (actor)-[:ADDRESSES]->(service:OZGService)
  RETURN service, null AS solution
  UNION
  MATCH (actor)-[:DEVELOPS|OPERATES|PROVIDES|REUSES]->(solution:Solution)
        -[:IMPLEMENTS|ADDRESSES]->(service:OZGService)
  RETURN service, solution
}
MATCH (service)-[:BELONGS_TO]->(lebenslage:Topic)-[:BELONGS_TO]->(themenfeld:Topic)
RETURN
  themenfeld.name AS themenfeld,
  count(DISTINCT service) AS services,
  collect(DISTINCT service.name) AS service_names,
  collect(DISTINCT lebenslage.name) AS lebenslagen,
  collect(DISTINCT actor.name) AS actors,
  collect(DISTINCT solution.name) AS solutions
ORDER BY services DESC, themenfeld
