//! Where an area is said to be: at the centre of its residents, a point
//! where some of them live, or inside it where nobody does.

use geo::Contains;
use geo_types::Point;
use learnscape_access::AccessEngine;
use learnscape_access::analysis::{Analysis, AreaInput};
use learnscape_access::population::DemandPoint;
use learnscape_core::{LonLat, WalkingSpeed};
use std::cell::RefCell;

mod common;
use common::{Rng, network, offset, square};

fn area(id: &str, centre: LonLat, half_m: f64) -> AreaInput {
    AreaInput {
        id: id.into(),
        name: id.into(),
        area: square(centre, half_m),
        stated_population: None,
        near: None,
    }
}

fn living(east_m: f64, north_m: f64, population: f64) -> DemandPoint {
    DemandPoint {
        position: offset(east_m, north_m),
        population,
        unit: 0,
    }
}

/// A town of a hundred at the west edge of an area and three houses of
/// one east of it; two villages at the ends of another, nobody between; a
/// third where nobody lives.
fn analysis() -> Analysis {
    let net = network(&mut Rng(7), 4);
    let engine = AccessEngine::new(&net, Vec::new(), WalkingSpeed::DEFAULT);
    let points = vec![
        living(0.0, 200.0, 100.0),
        living(200.0, 200.0, 1.0),
        living(300.0, 210.0, 1.0),
        living(400.0, 200.0, 1.0),
        living(1000.0, 0.0, 50.0),
        living(1000.0, 400.0, 50.0),
        living(2000.0, 200.0, 0.0),
    ];
    let areas = vec![
        area("town", offset(200.0, 200.0), 250.0),
        area("villages", offset(1000.0, 200.0), 250.0),
        area("nobody", offset(2000.0, 200.0), 250.0),
    ];
    Analysis::new(&engine, points, areas)
}

#[test]
fn an_area_is_where_most_of_its_residents_live() {
    let analysis = analysis();
    // The residents' mean lies 9 m east of the town; the points' own,
    // unweighted, would be 25 m from the second house.
    assert_eq!(analysis.residents_centre(0), Some(offset(0.0, 200.0)));
}

#[test]
fn an_area_between_two_villages_is_said_to_be_at_one_of_them() {
    let centre = analysis().residents_centre(1);
    let villages = [offset(1000.0, 0.0), offset(1000.0, 400.0)];
    assert!(
        centre.is_some_and(|at| villages.contains(&at)),
        "{centre:?} is in neither village"
    );
}

#[test]
fn an_area_where_nobody_lives_is_said_to_be_inside_it() {
    let mut analysis = analysis();
    assert_eq!(analysis.residents_centre(2), None);
    let asked = RefCell::new(Vec::new());
    analysis.locate_areas(|at| {
        asked.borrow_mut().push(at);
        Some(format!("{:.6} {:.6}", at.lon, at.lat))
    });
    let asked = asked.into_inner();
    assert_eq!(asked.len(), 3);
    assert_eq!(asked[0], offset(0.0, 200.0));
    let nobody = &analysis.areas()[2];
    assert!(nobody.area.contains(&Point::from(asked[2])));
    let named = |at: LonLat| Some(format!("{:.6} {:.6}", at.lon, at.lat));
    let near: Vec<Option<String>> = analysis.areas().iter().map(|a| a.near.clone()).collect();
    assert_eq!(near, asked.into_iter().map(named).collect::<Vec<_>>());
}
