using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Data;

namespace GutImmune.Tests.ScaleOut;

public class ConfigurationTests
{
    [Theory]
    [InlineData("Data Source=data/gutimmune.db")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("garbage=;;;")]
    public void Postgres_without_a_postgres_connection_string_fails_at_start_saying_what_to_set(string? connectionString)
    {
        // A refused setting: the start says so in one line (StartRefusal).
        var error = Assert.Throws<ValidationException>(() => PostgresGutImmuneDbContext.CheckConnectionString(connectionString));

        Assert.Contains("ConnectionStrings:Default", error.Message);
        Assert.Contains("Host=", error.Message);
    }

    [Fact]
    public void A_postgres_connection_string_is_accepted()
    {
        const string connectionString = "Host=db.internal;Database=gutimmune;Username=gutimmune;Password=secret";

        Assert.Equal(connectionString, PostgresGutImmuneDbContext.CheckConnectionString(connectionString));
    }
}
