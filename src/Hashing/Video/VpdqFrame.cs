namespace LiveWatch.Hashing.Video;

/// <summary>
/// One hashed video frame as vPDQ records it: the decode index of the frame, the PDQ quality (0..100), the PDQ hash
/// and the frame's time from the start of the video (frame number / frames per second).
/// </summary>
/// <remarks>
/// This is plain data and does not validate itself; the vPDQ reader and writer enforce the format's rules
/// (non-negative frame number, quality 0..100, non-negative finite timestamp).
/// </remarks>
public readonly record struct VpdqFrame(int FrameNumber, int Quality, Hash256 Hash, double TimestampSeconds);
