// Question: Which agreements and joint projects bind two or more Länder, or Länder and
//   the Bund, and who are their parties?
//
// Parameters:
//   lands (list, default []): ids of States, only agreements with one of them as a party; [] for all
//   :param lands => [];
//
// Columns:
//   cooperation: id of the Cooperation
//   name: its name
//   kind: what kind (agreement between Länder, agreement of Bund and Länder, Themenfeld
//     lead pair (OZG 1.0) ...)
//   date: when it began, where a source says so
//   laender: names of the Länder that are parties (by their State or a ministry or
//     authority PART_OF the State), sorted
//   bund: names of the federal parties (the Federation or a body PART_OF it), sorted
//   other_members: number of members that are neither (pilot municipalities, providers)
//   evidence: the evidence values of the parties' memberships
//
// Notes: a party is a member by MEMBER_OF; a Land funding without membership is no party.
//   Most Länder first.

MATCH (c:Cooperation)<-[m:MEMBER_OF]-(member)
OPTIONAL MATCH (member)-[:PART_OF*0..1]->(land:State)
  WHERE member:State OR member:Ministry OR member:Agency
OPTIONAL MATCH (member)-[:PART_OF*0..1]->(bund:Federation)
  WHERE member:Federation OR member:Ministry OR member:Agency
WITH c,
     collect(DISTINCT land) AS states,
     collect(DISTINCT CASE WHEN bund IS NOT NULL THEN member.name END) AS federal,
     collect(DISTINCT CASE WHEN land IS NULL AND bund IS NULL THEN member.id END) AS others,
     collect(DISTINCT m.evidence) AS evidence
WHERE size(states) + CASE WHEN size(federal) > 0 THEN 1 ELSE 0 END >= 2
  AND (size($lands) = 0 OR any(s IN states WHERE s.id IN $lands))
RETURN
  c.id AS cooperation,
  c.name AS name,
  c.kind AS kind,
  c.date AS date,
  COLLECT { UNWIND states AS s RETURN s.name ORDER BY s.name } AS laender,
  COLLECT { UNWIND federal AS f RETURN f ORDER BY f } AS bund,
  size(others) AS other_members,
  COLLECT { UNWIND evidence AS e RETURN e ORDER BY e } AS evidence
ORDER BY size(laender) DESC, name
