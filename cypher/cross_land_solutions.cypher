// Question: Which solutions are built or run jointly by bodies of more than one Land,
//   and which Länder reuse them?
//
// Parameters:
//   min_lands (int, default 2): least number of distinct Länder among developers,
//     operators and providers
//   :param min_lands => 2;
//
// Columns:
//   id: id of the Solution
//   name: its name
//   lands: Länder of the bodies that develop, operate or provide it, sorted
//   makers: those bodies, each with its part in brackets (develops, operates, provides)
//   reusing_lands: Länder of the bodies that reuse it (any stage), sorted
//
// Notes: federal bodies and associations have no Land and count for none; they still
//   appear among the makers.

MATCH (s:Solution)<-[r:DEVELOPS|OPERATES|PROVIDES]-(maker:OzgGraph)
WITH s, maker, r,
     head(COLLECT { MATCH (maker)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land
WITH s,
     collect(DISTINCT land) AS lands,
     collect(DISTINCT maker.name + ' (' + toLower(type(r)) + ')') AS makers
WHERE size(lands) >= $min_lands
RETURN
  s.id AS id,
  s.name AS name,
  COLLECT { UNWIND lands AS land RETURN land ORDER BY land } AS lands,
  makers,
  COLLECT {
    MATCH (s)<-[:REUSES]-(:OzgGraph)-[:PART_OF*0..5]->(land:State)
    RETURN DISTINCT land.name AS land ORDER BY land
  } AS reusing_lands
ORDER BY size(lands) DESC, name
