//! Cutting geometry (in tile units) to the buffered tile, before it is
//! quantised: lines with Liang–Barsky, polygon rings with
//! Sutherland–Hodgman. A ring is *clipped*, never clamped: clamping each
//! vertex to the box moves an edge that passes outside a corner onto the
//! tile, where it would fill a triangle the polygon does not cover.

use crate::{BUFFER, EXTENT};

pub(crate) const LO: f64 = -(BUFFER as f64);
pub(crate) const HI: f64 = (EXTENT + BUFFER) as f64;

fn inside(p: (f64, f64)) -> bool {
    (LO..=HI).contains(&p.0) && (LO..=HI).contains(&p.1)
}

/// Liang–Barsky: the part of segment a→b inside the buffered tile.
pub(crate) fn segment(a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - LO),
        (dx, HI - a.0),
        (-dy, a.1 - LO),
        (dy, HI - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// One side of the box: the axis (0 for x, 1 for y), the bound, and
/// whether the inside lies above it.
type Side = (usize, f64, bool);

const SIDES: [Side; 4] = [(0, LO, true), (0, HI, false), (1, LO, true), (1, HI, false)];

fn coordinate(p: (f64, f64), axis: usize) -> f64 {
    if axis == 0 { p.0 } else { p.1 }
}

/// Where a→b crosses the side's line; the crossing lies exactly on it.
fn crossing(a: (f64, f64), b: (f64, f64), (axis, bound, _): Side) -> (f64, f64) {
    let t = (bound - coordinate(a, axis)) / (coordinate(b, axis) - coordinate(a, axis));
    if axis == 0 {
        (bound, a.1 + t * (b.1 - a.1))
    } else {
        (a.0 + t * (b.0 - a.0), bound)
    }
}

/// Sutherland–Hodgman: the closed ring `ring` (without its closing point)
/// cut to the buffered tile, still without a closing point; empty when
/// none of it is inside. The box is convex, so the result is one ring; a
/// concave ring that leaves and re-enters gets edges along the box's
/// sides, in the buffer, outside the visible tile.
pub(crate) fn ring(ring: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if ring.iter().all(|&p| inside(p)) {
        return ring;
    }
    let mut current = ring;
    for side in SIDES {
        let (axis, bound, above) = side;
        let keeps = |p: (f64, f64)| {
            let v = coordinate(p, axis);
            if above { v >= bound } else { v <= bound }
        };
        let Some(&last) = current.last() else {
            break;
        };
        let mut next = Vec::with_capacity(current.len() + 4);
        let mut previous = last;
        for &p in &current {
            match (keeps(previous), keeps(p)) {
                (true, true) => next.push(p),
                (true, false) => next.push(crossing(previous, p, side)),
                (false, true) => {
                    next.push(crossing(previous, p, side));
                    next.push(p);
                }
                (false, false) => {}
            }
            previous = p;
        }
        current = next;
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(r: &[(f64, f64)]) -> f64 {
        (0..r.len())
            .map(|i| {
                let (a, b) = (r[i], r[(i + 1) % r.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum::<f64>()
            / 2.0
    }

    #[test]
    fn a_ring_inside_is_left_as_it_is() {
        let r = vec![(10.0, 10.0), (100.0, 10.0), (50.0, 80.0)];
        assert_eq!(ring(r.clone()), r);
    }

    #[test]
    fn a_ring_passing_outside_a_corner_is_cut_away_not_moved_onto_the_tile() {
        // Its bounding box covers the tile's top-left corner, but the
        // triangle itself stays beyond the diagonal x + y = -500.
        let r = vec![(-1000.0, 500.0), (-1000.0, -1000.0), (500.0, -1000.0)];
        assert!(ring(r).is_empty());
    }

    #[test]
    fn a_ring_across_a_corner_keeps_the_area_inside_the_box() {
        // A square from (-200, -200) to (200, 200): the part inside is the
        // square from (LO, LO) to (200, 200), whatever the winding.
        let square = vec![
            (-200.0, -200.0),
            (200.0, -200.0),
            (200.0, 200.0),
            (-200.0, 200.0),
        ];
        let cut = ring(square.clone());
        let expected = (200.0 - LO) * (200.0 - LO);
        assert!((area(&cut) - expected).abs() < 1e-9, "{cut:?}");
        let mut reversed = square;
        reversed.reverse();
        assert!((area(&ring(reversed)) + expected).abs() < 1e-9);
        assert!(cut.iter().all(|&p| inside(p)));
    }

    #[test]
    fn a_ring_around_the_whole_tile_becomes_the_box() {
        let r = vec![(-1e6, -1e6), (1e6, -1e6), (1e6, 1e6), (-1e6, 1e6)];
        let cut = ring(r);
        assert_eq!(cut.len(), 4);
        assert!((area(&cut) - (HI - LO) * (HI - LO)).abs() < 1e-6);
    }

    #[test]
    fn a_segment_is_cut_at_the_buffer() {
        let (a, b) = segment((-1000.0, 100.0), (100.0, 100.0)).expect("crosses");
        assert_eq!((a, b), ((LO, 100.0), (100.0, 100.0)));
        assert!(segment((-1000.0, 100.0), (-500.0, 100.0)).is_none());
    }
}
