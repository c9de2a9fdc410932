using System.Data.Common;
using Stations.Simulator.Fleet;

namespace Stations.Bench.Fleet;

/// <summary>What a fleet sent against what the gateway stored: distinct (station, boot, seq), losses and duplicates.</summary>
public sealed record FleetLedger(long Sent, long Stored, long Lost, long Duplicated, long StoredButNeverSent, long SentButNotAcked, long Boots)
{
    /// <summary>True when the stored set is the sent set, stored once each, and everything sent was acked.</summary>
    public bool ZeroLoss => Sent > 0 && Lost == 0 && Duplicated == 0 && StoredButNeverSent == 0 && SentButNotAcked == 0;

    /// <summary>
    /// Reads the gateway's `messages` table and compares it with each station's sent set. Core's outbox sends each
    /// boot's records in seq order from 1 (replays oldest first), so the highest seq a station published per boot
    /// defines its sent set: (boot, 1 … highest) — the same rule as tests/Stations.EndToEnd.Tests/ZeroLossBench.
    /// </summary>
    public static async Task<FleetLedger> CompareAsync(SimulatedFleet fleet, DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(connection);
        var stored = new HashSet<(string, string, long)>();
        long duplicated = 0;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT station_id, boot, seq FROM messages";
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                if (!stored.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2))))
                {
                    duplicated++;
                }
            }
        }

        long sent = 0, lost = 0, notAcked = 0, boots = 0;
        var sentKeys = new HashSet<(string, string, long)>();
        foreach (var station in fleet.Stations)
        {
            var acked = station.Counters.AckedSeq;
            foreach (var (boot, highest) in station.Counters.HighestSentSeq)
            {
                boots++;
                for (long seq = 1; seq <= highest; seq++)
                {
                    sent++;
                    sentKeys.Add((station.Id, boot, seq));
                    if (!stored.Contains((station.Id, boot, seq)))
                    {
                        lost++;
                    }
                }

                notAcked += highest - Math.Min(highest, acked.GetValueOrDefault(boot));
            }
        }

        var invented = stored.Count(k => !sentKeys.Contains(k));
        return new FleetLedger(sent, stored.Count, lost, duplicated, invented, notAcked, boots);
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"sent {Sent:N0}, stored {Stored:N0}, lost {Lost}, duplicated {Duplicated}, stored-but-never-sent {StoredButNeverSent}, sent-not-acked {SentButNotAcked}, boots {Boots}");
}
