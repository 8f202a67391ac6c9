namespace NeuralOdeGen;

/// <summary>
/// Which part of the history file beside a checkpoint is valid: its first <paramref name="Bytes"/> bytes, holding
/// <paramref name="Records"/> records, with this SHA-256. Bytes after them (appended by a run that was killed before
/// its next checkpoint) are ignored, and dropped when the run resumes.
/// </summary>
/// <param name="Name">The history file's name, in the checkpoint's directory.</param>
/// <param name="Records">The number of valid records.</param>
/// <param name="Bytes">The number of valid bytes, header included.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of those bytes.</param>
internal sealed record HistoryFileReference(string Name, int Records, long Bytes, string Sha256);
