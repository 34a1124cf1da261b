// Question: Who are the Träger, members and Gesellschafter of an IT provider, of which
//   kind is each tie, since when, and how strong is the evidence?
//
// Parameters:
//   provider (string): id of the ITProvider (look it up with find_body)
//   :param provider => 'itp-kisa';
//   include_former (bool, default false): also list former members and planned accessions
//   :param include_former => false;
//
// Columns:
//   id: id of the member
//   label: its label
//   name: its name
//   land: its Land (PART_OF up to the State); null for bodies without one
//   relation: the kind of tie as the source gives it (Träger, member, founding member,
//     Gesellschafter, member area, former member, accession planned)
//   current: false for a former member or a planned accession
//   share_percent: the member's share where the source gives it
//   date: when the source says the tie held
//   valid_from: when the tie began, where the source says so
//   evidence: fact, derived (a set the source names, expanded with GV100AD), planned ...
//   reported_members: member counts the sources give only as numbers (never expanded)
//   sources: ids of the Source nodes behind the tie
//
// Notes: current members first (a tie that ended, valid_to, is not current), then by
//   relation and name. Ties that are no
//   membership (customers, hosting) are in provider_of_body, not here.

MATCH (p:ITProvider {id: $provider})
MATCH (m:OzgGraph)-[r:MEMBER_OF]->(p)
WITH p, m, r,
     NOT coalesce(r.relation, 'member') IN ['former member', 'accession planned']
       AND r.valid_to IS NULL AS current
WHERE current OR $include_former
RETURN
  m.id AS id,
  [label IN labels(m) WHERE label <> 'OzgGraph'][0] AS label,
  m.name AS name,
  head(COLLECT { MATCH (m)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land,
  coalesce(r.relation, 'member') AS relation,
  current,
  r.share_percent AS share_percent,
  r.date AS date,
  r.valid_from AS valid_from,
  r.evidence AS evidence,
  coalesce(p.reported_members, []) AS reported_members,
  r.sources AS sources
ORDER BY current DESC, relation, name
