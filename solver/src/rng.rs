//! The random number generator of the search: xoshiro256++, seeded per thread.
//!
//! A named algorithm rather than `rand`'s `SmallRng`, whose algorithm may change between
//! versions: the same seed must give the same timetable in every release.

use rand::SeedableRng;
pub(crate) use rand_xoshiro::Xoshiro256PlusPlus as Rng;

/// The generator of thread `thread` for a user's `seed`.
pub(crate) fn for_thread(seed: u64, thread: usize) -> Rng {
    Rng::seed_from_u64(seed.wrapping_add((thread as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)))
}

/// A uniform index below `n` (n > 0), by Lemire's multiply-shift; unbiased enough for search.
#[inline]
pub(crate) fn below(rng: &mut Rng, n: usize) -> usize {
    use rand::RngCore;
    #[allow(clippy::cast_possible_truncation, reason = "the product's high half is below n")]
    let res = ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize;
    res
}

/// A uniform float in [0, 1).
#[inline]
pub(crate) fn unit(rng: &mut Rng) -> f64 {
    use rand::RngCore;
    #[allow(clippy::cast_precision_loss, reason = "53 random bits fit an f64 exactly")]
    let res = (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
    res
}
