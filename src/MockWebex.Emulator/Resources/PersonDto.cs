namespace MockWebex.Resources;

public sealed record PersonDto(
    string Id, IReadOnlyList<string> Emails, IReadOnlyList<object> PhoneNumbers, string DisplayName, string NickName,
    string FirstName, string LastName, string OrgId, string Created, string Status, string Type);
