Console.WriteLine("Stations.Cli: not built yet");
