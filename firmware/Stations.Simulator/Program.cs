Console.WriteLine("Stations.Simulator: not built yet");
