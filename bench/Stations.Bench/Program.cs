using BenchmarkDotNet.Running;

// Runs the benchmarks chosen by the arguments, e.g. `-- --filter '*Tick*'`; with none it lists them.
BenchmarkSwitcher.FromAssembly(typeof(Stations.Bench.CoreTickBenchmark).Assembly).Run(args);
