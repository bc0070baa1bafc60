using System.Text.Json;

namespace GutImmune.Tests.Operations;

/// <summary>Settings of the .NET runtime that the site runs with, from the runtimeconfig.json its build writes.</summary>
public class RuntimeSettingsTests
{
    [Fact]
    public void Thread_pool_workers_out_of_work_block_at_once_instead_of_spinning()
    {
        // Measured behind nginx on 2 cores (deploy/cluster-check.sh, README: what the proxy costs): the spinning tripled
        // the site's CPU per request. The file beside the test assembly is the one the build and publish write.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GutImmune.Web.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spinLimit),
            "GutImmune.Web.runtimeconfig.json sets no thread-pool spin limit");
        Assert.Equal(0, spinLimit.GetInt32());
    }

    [Fact]
    public void Hot_methods_are_compiled_without_the_profile_guided_tier()
    {
        // Its instrumented copies of hot methods are JIT code, kept twice under W^X: about 8 MiB of the peak at 100,000
        // articles (bench/README, "Fourth round (m2)").
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GutImmune.Web.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Runtime.TieredPGO", out var tieredPgo), "GutImmune.Web.runtimeconfig.json leaves TieredPGO on");
        Assert.False(tieredPgo.GetBoolean());
    }

    [Fact]
    public void Generation_2_is_compacted_before_free_space_builds_up()
    {
        // Evicted cache entries die in generation 2, which background collections sweep without compacting: under random
        // articles at 100,000 the free space grew to 95 MiB of a 154 MiB heap (bench/README, "Fourteenth round (mem)").
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GutImmune.Web.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.GC.ConserveMemory", out var conserveMemory), "GutImmune.Web.runtimeconfig.json sets no System.GC.ConserveMemory");
        Assert.Equal(9, conserveMemory.GetInt32());
    }
}
