using MockWebex.Resources;

namespace MockWebex.Storage;

/// <summary>Teams and who is in them.</summary>
public sealed class TeamRepository(WebexStore store)
{
    public TeamRecord? Team(string teamId) => store.Teams.FindById(teamId);

    public void Insert(TeamRecord team)
    {
        team.Seq = store.NextResourceSeq();
        store.Teams.Insert(team);
    }

    public void Save(TeamRecord team) => store.Teams.Update(team);

    /// <summary>Deletes the team and its memberships (its rooms stay, as Webex keeps them, without the team).</summary>
    public void Delete(string teamId)
    {
        store.TeamMemberships.DeleteMany(m => m.TeamId == teamId);
        store.Teams.Delete(teamId);
    }

    public TeamMembershipRecord? Membership(string membershipId) => store.TeamMemberships.FindById(membershipId);

    public TeamMembershipRecord? Membership(string teamId, string personId) =>
        store.TeamMemberships.FindOne(m => m.TeamId == teamId && m.PersonId == personId);

    /// <summary>A team's memberships in the order they were made.</summary>
    public IEnumerable<TeamMembershipRecord> MembershipsIn(string teamId, long afterSeq) =>
        store.TeamMemberships.Query().Where(m => m.TeamId == teamId && m.Seq > afterSeq).OrderBy(m => m.Seq).ToEnumerable();

    /// <summary>The teams a person is in, in the order they joined.</summary>
    public IEnumerable<TeamRecord> TeamsOf(string personId, long afterSeq) =>
        store.TeamMemberships.Query().Where(m => m.PersonId == personId).OrderBy(m => m.Seq).ToEnumerable()
            .Select(m => store.Teams.FindById(m.TeamId)).OfType<TeamRecord>().Where(t => t.Seq > afterSeq).OrderBy(t => t.Seq);

    public void Insert(TeamMembershipRecord membership)
    {
        membership.Seq = store.NextResourceSeq();
        store.TeamMemberships.Insert(membership);
    }

    public void Save(TeamMembershipRecord membership) => store.TeamMemberships.Update(membership);

    public void DeleteMembership(string membershipId) => store.TeamMemberships.Delete(membershipId);
}
