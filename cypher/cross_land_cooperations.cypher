// Question: Which cooperations and associations have members in which Länder (and which
//   in more than one, with min_lands 2)?
//
// Parameters:
//   min_lands (int, default 1): least number of distinct Länder among the members
//     (1 lists every cooperation with at least one member whose Land is known; 2 those
//     that cross a Land border)
//   :param min_lands => 1;
//
// Columns:
//   id: id of the Cooperation or Association
//   label: Cooperation or Association
//   name: its name
//   lands: names of the members' Länder, sorted
//   members: number of members
//   members_without_land: members whose Land is unknown (no PART_OF chain to a State,
//     e.g. associations and federal bodies)
//   member_names: names of the members
//
// Notes: a member's Land is found by walking PART_OF up to the State; a State is its own Land.

MATCH (c:Cooperation|Association)<-[:MEMBER_OF]-(member:OzgGraph)
WITH c, member,
     head(COLLECT { MATCH (member)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land
WITH c,
     collect(DISTINCT land) AS lands,
     count(member) AS members,
     count(member) - count(land) AS members_without_land,
     collect(member.name) AS member_names
WHERE size(lands) >= $min_lands
RETURN
  c.id AS id,
  [label IN labels(c) WHERE label <> 'OzgGraph'][0] AS label,
  c.name AS name,
  COLLECT { UNWIND lands AS land RETURN land ORDER BY land } AS lands,
  members,
  members_without_land,
  member_names
ORDER BY size(lands) DESC, name
