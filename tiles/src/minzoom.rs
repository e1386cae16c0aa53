//! Which basemap features a zoom level draws: the one policy both stores'
//! tiles follow (the embedded encoder and PostGIS's `ST_AsMVT`).

use crate::generalise::FULL_DETAIL_ZOOM;
use geo::{Area, BoundingRect};
use geo_types::Geometry;
use learnscape_core::{BasemapFeature, BasemapKind};

/// The "zoom" of features no tile draws (house numbers and postcodes,
/// kept for search): beyond every zoom a tile can have, so `minzoom <= z`
/// never holds.
pub const NOT_DRAWN: u8 = u8::MAX;

/// The zoom from which a basemap feature is drawn: its class's zoom
/// ([`class_minzoom`]), and for a polygon no earlier than it covers a
/// pixel ([`visible_from`]). Every drawn feature is drawn at the last
/// zoom; the rest are [`NOT_DRAWN`].
pub fn basemap_minzoom(f: &BasemapFeature) -> u8 {
    match class_minzoom(f) {
        NOT_DRAWN => NOT_DRAWN,
        class => class.max(visible_from(&f.geometry)).min(FULL_DETAIL_ZOOM),
    }
}

/// The zoom from which a feature of this kind and class is drawn.
pub fn class_minzoom(f: &BasemapFeature) -> u8 {
    match (&f.kind, f.class.as_str()) {
        (BasemapKind::PlaceLabel, "city" | "town") => 0,
        (BasemapKind::PlaceLabel, "village") => 10,
        (BasemapKind::PlaceLabel, _) => 12,
        (BasemapKind::Water, _) | (BasemapKind::Waterway, "river") => 6,
        (BasemapKind::Waterway, _) => 12,
        (BasemapKind::Road, "motorway" | "trunk" | "primary") => 8,
        (BasemapKind::Road, "secondary" | "tertiary") => 10,
        (BasemapKind::Road, "minor" | "pedestrian" | "square") => 12,
        (BasemapKind::Road, _) => 14,
        (BasemapKind::Railway, _) => 10,
        (BasemapKind::Green | BasemapKind::Landuse, _) => 10,
        (BasemapKind::Building { .. }, _) => 14,
        (BasemapKind::Address | BasemapKind::Postcode | BasemapKind::OtherName, _) => NOT_DRAWN,
    }
}

/// The first zoom at which a polygon covers at least one pixel of a
/// 256-pixel tile (a 2×2 block on MapLibre's 512-pixel tiles); 0 for
/// anything else. At z10 most of OSM's grass, scrub and wood patches are
/// smaller than that: drawn, they are specks nobody sees that fill most
/// of a low-zoom tile's bytes and time, so they wait for the zoom where
/// they show, as OpenMapTiles filters its landcover by area.
///
/// Web Mercator stretches both axes by 1/cos(latitude), and a pixel at
/// zoom z spans 360 / (256·2^z) degrees of longitude, so an area of A
/// square degrees at latitude φ covers A / cos φ · (256·2^z / 360)²
/// pixels. The latitude is the middle of the bounding box.
///
/// PostGIS migration 0005 repeats this formula for rows written before
/// it (`ST_Area` is the same planar area in square degrees); a test on
/// the real extract checks that the two agree feature by feature.
pub fn visible_from(g: &Geometry<f64>) -> u8 {
    if !matches!(g, Geometry::Polygon(_) | Geometry::MultiPolygon(_)) {
        return 0;
    }
    let Some(bbox) = g.bounding_rect() else {
        return u8::MAX;
    };
    let lat = (bbox.min().y + bbox.max().y) / 2.0;
    let zoom = zoom_for_area(g.unsigned_area(), lat);
    if zoom.is_nan() || zoom >= f64::from(u8::MAX) {
        u8::MAX
    } else {
        zoom.ceil().max(0.0) as u8
    }
}

/// The (fractional) zoom at which `area` square degrees at latitude `lat`
/// cover exactly one 256-pixel-tile pixel.
fn zoom_for_area(area: f64, lat: f64) -> f64 {
    let degrees_per_pixel_at_z0: f64 = 360.0 / 256.0;
    0.5 * (degrees_per_pixel_at_z0.powi(2) * lat.to_radians().cos() / area).log2()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{LineString, Point, Polygon, line_string, polygon};

    fn feature(kind: BasemapKind, class: &str, geometry: Geometry<f64>) -> BasemapFeature {
        BasemapFeature {
            kind,
            class: class.into(),
            name: None,
            population: None,
            geometry,
        }
    }

    /// A square `side` metres wide (north–south) centred at 47.14° N.
    fn square(side: f64) -> Geometry<f64> {
        let dlat = side / 111_320.0;
        let dlon = dlat / 47.14_f64.to_radians().cos();
        let (x, y) = (9.52, 47.14);
        Geometry::Polygon(polygon![
            (x: x, y: y - dlat / 2.0),
            (x: x + dlon, y: y - dlat / 2.0),
            (x: x + dlon, y: y + dlat / 2.0),
            (x: x, y: y + dlat / 2.0),
        ])
    }

    #[test]
    fn a_polygon_is_drawn_from_the_zoom_where_it_covers_a_pixel() {
        // A 256-px pixel at z10 spans 152.9 m of Mercator, cos(47.14°)
        // times that on the ground: 104 m. A square of 110 m covers one
        // at z10, one of 100 m not until z11.
        assert_eq!(visible_from(&square(110.0)), 10);
        assert_eq!(visible_from(&square(100.0)), 11);
        // Each zoom halves the pixel's side.
        assert_eq!(visible_from(&square(55.0)), 11);
        assert_eq!(visible_from(&square(50.0)), 12);
        assert_eq!(visible_from(&square(10_000.0)), 4);
    }

    #[test]
    fn holes_do_not_count_towards_the_area() {
        let ring = |d: f64| -> LineString<f64> {
            vec![
                (9.5 - d, 47.1 - d),
                (9.5 + d, 47.1 - d),
                (9.5 + d, 47.1 + d),
                (9.5 - d, 47.1 + d),
                (9.5 - d, 47.1 - d),
            ]
            .into()
        };
        let solid = Geometry::Polygon(Polygon::new(ring(0.001), vec![]));
        let holed = Geometry::Polygon(Polygon::new(ring(0.001), vec![ring(0.00099)]));
        assert!(visible_from(&holed) > visible_from(&solid));
    }

    #[test]
    fn the_class_sets_the_earliest_zoom_and_every_feature_shows_at_the_last() {
        let big_wood = feature(BasemapKind::Green, "wood", square(10_000.0));
        assert_eq!(basemap_minzoom(&big_wood), 10, "never before its class");
        let shed_sized_grass = feature(BasemapKind::Green, "grass", square(3.0));
        assert_eq!(basemap_minzoom(&shed_sized_grass), FULL_DETAIL_ZOOM);
        let degenerate = feature(
            BasemapKind::Landuse,
            "farmland",
            Geometry::Polygon(polygon![(x: 9.5, y: 47.1), (x: 9.6, y: 47.1), (x: 9.7, y: 47.1)]),
        );
        assert_eq!(basemap_minzoom(&degenerate), FULL_DETAIL_ZOOM);
        let lake = feature(BasemapKind::Water, "lake", square(300.0));
        assert_eq!(basemap_minzoom(&lake), 9, "lakes from z6, this one from z9");
        let town_square = feature(BasemapKind::Road, "square", square(60.0));
        assert_eq!(basemap_minzoom(&town_square), 12, "with minor streets");
        let courtyard = feature(BasemapKind::Road, "square", square(3.0));
        assert_eq!(basemap_minzoom(&courtyard), FULL_DETAIL_ZOOM);
    }

    #[test]
    fn lines_and_points_keep_their_class_zoom() {
        let short_road = feature(
            BasemapKind::Road,
            "primary",
            Geometry::LineString(line_string![(x: 9.5, y: 47.1), (x: 9.50001, y: 47.1)]),
        );
        assert_eq!(basemap_minzoom(&short_road), 8);
        let line = || Geometry::LineString(line_string![(x: 9.5, y: 47.1), (x: 9.6, y: 47.1)]);
        let shopping_street = feature(BasemapKind::Road, "pedestrian", line());
        assert_eq!(basemap_minzoom(&shopping_street), 12, "with minor streets");
        assert_eq!(
            basemap_minzoom(&feature(BasemapKind::Road, "path", line())),
            14
        );
        let town = feature(
            BasemapKind::PlaceLabel,
            "town",
            Geometry::Point(Point::new(9.5, 47.1)),
        );
        assert_eq!(basemap_minzoom(&town), 0);
    }

    #[test]
    fn house_numbers_and_postcodes_are_drawn_at_no_zoom() {
        let number = feature(
            BasemapKind::Address,
            "35",
            Geometry::Point(Point::new(9.5, 47.1)),
        );
        assert_eq!(basemap_minzoom(&number), NOT_DRAWN);
        assert!(basemap_minzoom(&number) > crate::coord::MAX_ZOOM);
        let postcode = feature(
            BasemapKind::Postcode,
            "9490",
            Geometry::Point(Point::new(9.5, 47.1)),
        );
        assert_eq!(basemap_minzoom(&postcode), NOT_DRAWN);
    }
}
