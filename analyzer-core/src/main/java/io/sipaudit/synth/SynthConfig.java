package io.sipaudit.synth;

/**
 * What {@link SyntheticCapture} generates.
 *
 * <p>Example: {@code new SynthConfig(100_000, 4, 0.15, 0.05, 500, 3.0, 1)}: 100k calls through one balancer to
 * 4 backends, 15 % of them over TCP, 5 % of the UDP INVITEs fragmented, 500 new calls per second, 3 s
 * calls, random seed 1.
 *
 * @param calls number of calls
 * @param backends number of backends behind the balancer
 * @param tcpShare fraction of calls carried over TCP (both legs)
 * @param fragmentShare fraction of UDP calls whose INVITE is large enough to be IP-fragmented
 * @param callsPerSecond arrival rate
 * @param holdSeconds time from answer to BYE
 * @param seed random seed (the same config always writes the same file)
 */
public record SynthConfig(
    long calls, int backends, double tcpShare, double fragmentShare, double callsPerSecond, double holdSeconds,
    long seed) {

  public SynthConfig {
    if (calls < 0 || backends < 1 || backends > 250 || tcpShare < 0 || tcpShare > 1 || fragmentShare < 0
        || fragmentShare > 1 || callsPerSecond <= 0 || holdSeconds < 0) {
      throw new IllegalArgumentException("synthetic capture config out of range: " + this);
    }
  }
}
