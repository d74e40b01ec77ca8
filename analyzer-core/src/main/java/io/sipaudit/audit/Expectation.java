package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.simulate.CallArrival;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What share of the calls each backend should get, against which the observed first picks are tested.
 *
 * <p>Examples: {@link Equal} (no configuration: equal among the backends that were up); {@link Weighted} from
 * SRV records {@code 10 60 be1, 10 30 be2, 10 10 be3, 20 0 backup} (60/30/10 while the first three are up,
 * the backup only when all three are down) or from dispatcher {@code weight} attributes; {@link Simulated}: the
 * pick the real algorithm makes for each call, replayed in arrival order.
 */
public sealed interface Expectation {
  /** Returns where the expectation comes from, for people: {@code "SRV _sip._udp.pool.lab (srv.zone)"}. */
  String source();

  /** Equal shares among the backends that were up at the time. */
  record Equal() implements Expectation {
    @Override
    public String source() {
      return "equal shares among the backends that were up";
    }
  }

  /**
   * Weights within priority groups, as RFC 2782 SRV selection does: the lowest priority with a backend that is
   * up takes all calls, shared by weight among its up backends (equally when all their weights are 0).
   *
   * @param source where the weights come from
   * @param shares the backends with their priority (lower first) and weight
   * @param srv whether these are SRV records (the "weights ignored" explanation then names dns_srv_lb)
   */
  record Weighted(String source, List<Share> shares, boolean srv) implements Expectation {
    public Weighted {
      requireNonNull(source, "source");
      shares = List.copyOf(shares);
    }

    /** Returns the expected share of each of {@code backends} when only {@code up} are up (all 0 when none is). */
    double[] shares(List<Endpoint> backends, Set<Endpoint> up) {
      double[] out = new double[backends.size()];
      int best = Integer.MAX_VALUE;
      for (Share s : shares) {
        if (up.contains(s.backend())) {
          best = Math.min(best, s.priority());
        }
      }
      List<Share> group = new ArrayList<>();
      double total = 0;
      for (Share s : shares) {
        if (s.priority() == best && up.contains(s.backend())) {
          group.add(s);
          total += s.weight();
        }
      }
      for (Share s : group) {
        int i = backends.indexOf(s.backend());
        if (i >= 0) {
          out[i] += total > 0 ? s.weight() / total : 1.0 / group.size();
        }
      }
      return out;
    }
  }

  /** One backend of a {@link Weighted} expectation; {@code name} is its SRV target or duid, for messages. */
  record Share(Endpoint backend, int priority, double weight, String name) {
    public Share {
      requireNonNull(backend, "backend");
      requireNonNull(name, "name");
    }
  }

  /**
   * The pick of a simulated balancer for each call, in arrival order (calls while a destination of the set was
   * down are left out: the simulator does not model health yet).
   *
   * @param source the algorithm and configuration
   * @param set the destinations of the set
   * @param predictor gives the predicted pick ({@code ip:port}) of each call, called in arrival order
   * @param weightsIgnored the set has weight attributes that this algorithm does not use
   */
  record Simulated(String source, List<Endpoint> set, Predictor predictor, boolean weightsIgnored)
      implements Expectation {
    public Simulated {
      requireNonNull(source, "source");
      set = List.copyOf(set);
      requireNonNull(predictor, "predictor");
    }
  }

  /** Predicts one call's first pick; calls come in arrival order. */
  @FunctionalInterface
  interface Predictor {
    String predict(CallArrival call);
  }
}
