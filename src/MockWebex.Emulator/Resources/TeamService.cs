using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Storage;

namespace MockWebex.Resources;

/// <summary>
/// Teams as Webex runs them: the creator is the first member and a moderator; a team has a general room named like
/// it, and joining or leaving the team joins or leaves that room (with the memberships events a bot sees there).
/// Only members see a team; moderators rename it, delete it, and change or remove others. One transaction per command.
/// </summary>
public sealed class TeamService(WebexStore store, TeamRepository teams, Conversations conversations, PeopleDirectory people, EventPublisher publisher, TimeProvider clock)
{
    /// <summary>A team the person is a member of; null for others, as Webex does not reveal teams you are not in.</summary>
    public TeamRecord? Visible(string personId, string teamId) =>
        teams.Team(teamId) is { } team && teams.Membership(team.Id, personId) is not null ? team : null;

    public IEnumerable<TeamRecord> TeamsOf(string personId, long afterSeq) => teams.TeamsOf(personId, afterSeq);

    public TeamMembershipRecord? VisibleMembership(string personId, string membershipId) =>
        teams.Membership(membershipId) is { } membership && teams.Membership(membership.TeamId, personId) is not null ? membership : null;

    public IEnumerable<TeamMembershipRecord> MembershipsIn(string teamId, long afterSeq) => teams.MembershipsIn(teamId, afterSeq);

    public CommandResult<TeamRecord> Create(Identity caller, CreateTeamRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) return (WebexProblem)"name cannot be empty.";
        return store.InTransaction<CommandResult<TeamRecord>>(() =>
        {
            var team = new TeamRecord
            {
                Id = WebexIds.New("TEAM"),
                Name = request.Name,
                Description = request.Description,
                CreatorId = caller.PersonId,
                Created = WebexTime.Now(clock),
            };
            var general = conversations.CreateRoom(null, request.Name, "group", caller.PersonId, caller.OrgId);
            general.TeamId = team.Id;
            conversations.SaveRoom(general);
            team.GeneralRoomId = general.Id;
            teams.Insert(team);
            var person = people.Remember(caller);
            teams.Insert(NewMembership(team, person, isModerator: true));
            var roomMembership = conversations.AddMember(general, person, isModerator: false)!;
            publisher.Publish([
                ResourceEvents.Room("created", general, caller, [caller.PersonId]),
                ResourceEvents.Membership("created", roomMembership, caller, [caller.PersonId]),
            ]);
            return team;
        });
    }

    public CommandResult<TeamRecord> Update(Identity caller, string teamId, UpdateTeamRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) return (WebexProblem)"name cannot be empty.";
        return store.InTransaction<CommandResult<TeamRecord>>(() =>
        {
            if (Visible(caller.PersonId, teamId) is not { } team) return WebexProblem.NotFound;
            if (teams.Membership(team.Id, caller.PersonId) is not { IsModerator: true }) return WebexProblem.Forbidden("Only a team moderator can change the team.");
            team.Name = request.Name;
            team.Description = request.Description ?? team.Description;
            teams.Save(team);
            return team;
        });
    }

    /// <summary>The team and its memberships go; its rooms stay, no longer in a team (UNCERTAIN: Webex's own behaviour is undocumented).</summary>
    public CommandResult<TeamRecord> Delete(Identity caller, string teamId) =>
        store.InTransaction<CommandResult<TeamRecord>>(() =>
        {
            if (Visible(caller.PersonId, teamId) is not { } team) return WebexProblem.NotFound;
            if (teams.Membership(team.Id, caller.PersonId) is not { IsModerator: true }) return WebexProblem.Forbidden("Only a team moderator can delete the team.");
            teams.Delete(team.Id);
            foreach (var room in conversations.RoomsInTeam(team.Id).ToList())
            {
                room.TeamId = null;
                conversations.SaveRoom(room);
            }
            return team;
        });

    public CommandResult<TeamMembershipRecord> AddMember(Identity caller, CreateTeamMembershipRequest request)
    {
        if (string.IsNullOrEmpty(request.TeamId)) return (WebexProblem)"teamId cannot be empty.";
        if (PeopleDirectory.CheckReference(request.PersonId, request.PersonEmail) is { } invalid) return invalid;
        return store.InTransaction<CommandResult<TeamMembershipRecord>>(() =>
        {
            if (Visible(caller.PersonId, request.TeamId) is not { } team) return WebexProblem.NotFound;
            var person = people.EnsureReference(request.PersonId, request.PersonEmail, caller.OrgId);
            if (teams.Membership(team.Id, person.Id) is not null) return WebexProblem.Conflict("The person is already a member of the team.");
            var membership = NewMembership(team, person, request.IsModerator ?? false);
            teams.Insert(membership);
            // Joining a team joins its general room: the room's members (the newcomer included) hear memberships:created.
            if (conversations.Room(team.GeneralRoomId) is { } general && conversations.AddMember(general, person) is { } roomMembership)
                publisher.Publish([ResourceEvents.Membership("created", roomMembership, caller, conversations.MemberIds(general.Id))]);
            return membership;
        });
    }

    public CommandResult<TeamMembershipRecord> UpdateMember(Identity caller, string membershipId, UpdateTeamMembershipRequest request) =>
        store.InTransaction<CommandResult<TeamMembershipRecord>>(() =>
        {
            if (VisibleMembership(caller.PersonId, membershipId) is not { } membership) return WebexProblem.NotFound;
            if (request.IsModerator is not { } wanted || wanted == membership.IsModerator) return membership;
            if (teams.Membership(membership.TeamId, caller.PersonId) is not { IsModerator: true })
                return WebexProblem.Forbidden("Only a team moderator can change team moderators.");
            membership.IsModerator = wanted;
            teams.Save(membership);
            return membership;
        });

    public CommandResult<TeamMembershipRecord> RemoveMember(Identity caller, string membershipId) =>
        store.InTransaction<CommandResult<TeamMembershipRecord>>(() =>
        {
            if (VisibleMembership(caller.PersonId, membershipId) is not { } membership) return WebexProblem.NotFound;
            if (membership.PersonId != caller.PersonId && teams.Membership(membership.TeamId, caller.PersonId) is not { IsModerator: true })
                return WebexProblem.Forbidden("Only a team moderator can remove others from the team.");
            teams.DeleteMembership(membership.Id);
            // Leaving a team leaves its general room: everyone who was in it hears memberships:deleted.
            if (teams.Team(membership.TeamId) is { } team && conversations.Membership(team.GeneralRoomId, membership.PersonId) is { } roomMembership)
            {
                var audience = conversations.MemberIds(team.GeneralRoomId);
                conversations.DeleteMembership(roomMembership.Id);
                publisher.Publish([ResourceEvents.Membership("deleted", roomMembership, caller, audience)]);
            }
            return membership;
        });

    private TeamMembershipRecord NewMembership(TeamRecord team, PersonRecord person, bool isModerator) => new()
    {
        Id = WebexIds.JoinedId("TEAM_MEMBERSHIP", person.Id, team.Id),
        TeamId = team.Id,
        PersonId = person.Id,
        PersonEmail = person.Email,
        PersonDisplayName = person.DisplayName,
        PersonOrgId = person.OrgId,
        IsModerator = isModerator,
        Created = WebexTime.Now(clock),
    };
}
