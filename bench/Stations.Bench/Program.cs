Console.WriteLine("Stations.Bench: not built yet");
