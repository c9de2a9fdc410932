using BenchmarkDotNet.Running;
using Stations.Bench;
using Stations.Bench.Fuzz;
using Stations.Bench.Ingest;

// `ingest …` and `fuzz …` are our own runs (docs/performance.md); anything else goes to BenchmarkDotNet,
// e.g. `-- --filter '*Tick*'`; with no arguments it lists the benchmarks.
try
{
    return args.FirstOrDefault() switch
    {
        "ingest" => await IngestCommand.RunAsync(new BenchArguments(args[1..], "--stations", "--seconds", "--storage", "--window", "--hold-puback")),
        "fuzz" => FuzzCommand.Run(new BenchArguments(args[1..], "--inputs", "--seed")),
        "chaos" => await Stations.Bench.Chaos.ChaosCommand.RunAsync(new BenchArguments(args[1..], "--stations", "--kills", "--hours", "--drop-hours", "--power-cuts", "--seed")),
        "chaos-mosquitto" => await Stations.Bench.Chaos.ChaosCommand.RunMosquittoAsync(new BenchArguments(args[1..], Stations.Bench.Chaos.ChaosCommand.MosquittoOptions)),
        "connections" => await Stations.Bench.Fleet.ConnectionsCommand.RunAsync(new BenchArguments(args[1..], "--stations", "--minutes", "--auth-iterations", "--storage")),
        "storm" => await Stations.Bench.Fleet.StormCommand.RunAsync(new BenchArguments(args[1..], "--stations", "--backlog-minutes", "--auth-iterations", "--storage")),
        "fleet" => await Stations.Bench.Fleet.FleetCommand.RunAsync(new BenchArguments(args[1..], "--stations", "--minutes", "--acceleration", "--auth-iterations", "--seed")),
        "status-page" => await Stations.Bench.StatusPage.StatusPageCommand.RunAsync(new BenchArguments(args[1..], "--stations", "--requests")),
        _ => Benchmarks(args),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int Benchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(CoreTickBenchmark).Assembly).Run(args);
    return 0;
}
