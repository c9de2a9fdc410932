// Each class starts its own gateway (and Mosquitto); classes may run side by side, tests in a class one at a time.
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]
