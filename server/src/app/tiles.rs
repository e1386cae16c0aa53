//! Vector tiles of the store's data: which features each layer shows at
//! which zoom, encoded on request and kept in a bounded cache.

use crate::app::access::{AccessSnapshot, Moved, Steps};
use crate::app::surface::AccessSurfaces;
use flate2::Compression;
use flate2::write::GzEncoder;
use geo_types::{Geometry, Point};
use learnscape_core::{BasemapFeature, BasemapKind, Bbox, Category, Place, Shape};
use learnscape_tiles::basemap_minzoom;
use learnscape_tiles::coord::MAX_ZOOM;
use learnscape_tiles::generalise::{FULL_DETAIL_ZOOM, generalise};
use learnscape_tiles::minzoom::NOT_DRAWN;
use learnscape_tiles::tilejson::{TileSet, VectorLayer, tilejson};
use learnscape_tiles::{
    BUFFER, EXTENT, PLACE_AREAS_FROM_ZOOM, TileCoord, TileError, TileFeature, TileLayer, Value,
    encode_tile,
};
use learnscape_tiles::{Space, to_world};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, Mutex, RwLock};

/// The layers served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LayerName {
    Places,
    Basemap,
    Neighbourhoods,
    Access,
    /// The access surface of walks that avoid steps.
    AccessStepFree,
    /// Approved commons resources with what groups say about them.
    Commons,
}

impl LayerName {
    pub const ALL: [LayerName; 6] = [
        LayerName::Places,
        LayerName::Basemap,
        LayerName::Neighbourhoods,
        LayerName::Access,
        LayerName::AccessStepFree,
        LayerName::Commons,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LayerName::Places => "places",
            LayerName::Basemap => "basemap",
            LayerName::Neighbourhoods => "neighbourhoods",
            LayerName::Access => "access",
            LayerName::AccessStepFree => "access_step_free",
            LayerName::Commons => "commons",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == text)
    }

    /// Every layer's name, for an error that says which there are.
    pub fn names() -> String {
        Self::ALL.map(Self::as_str).join(", ")
    }

    /// Points only, from an index of places: encoding takes microseconds,
    /// little enough to do on the async runtime without a blocking task.
    pub fn is_light(self) -> bool {
        matches!(self, LayerName::Places | LayerName::Commons)
    }
}

/// The source of approved commons resources among the places.
const COMMONS_SOURCE: &str = learnscape_core::commons::ResourceId::SOURCE;

/// How many base cells (~111 m) wide the access surface's cells are at
/// zoom `z`: one from z13, each zoom out doubling them.
fn access_factor(z: u8) -> i64 {
    1i64 << (13u8.saturating_sub(z)).min(12)
}

/// The access surface is drawn from this zoom (cells about 3.5 km).
pub const ACCESS_MINZOOM: u8 = 8;

/// Below this zoom, places are clustered.
pub const CLUSTER_BELOW_ZOOM: u8 = 12;
/// Cluster cell size in tile units.
const CLUSTER_CELL: f64 = 256.0;
/// Tiles kept in memory.
/// Tiles kept by default (about 20–200 MB at typical tile sizes).
pub const CACHE_TILES: usize = 20_000;

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub tiles: usize,
    /// Uncompressed MVT bytes.
    pub bytes: usize,
}

/// An encoded tile: raw and gzip bytes, and its strong ETag.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodedTile {
    pub raw: Vec<u8>,
    pub gzip: Vec<u8>,
    pub etag: String,
}

type Indexed = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// One point for `members` at their mean position: their count and
/// category (`mixed` where they differ), `clustered` where it is one
/// category's part of a mixed cell.
fn cluster_feature(members: &[&Place], category: &str, clustered: bool) -> TileFeature {
    let n = members.len() as f64;
    let mean = |of: fn(&Place) -> f64| members.iter().map(|p| of(p)).sum::<f64>() / n;
    let mut properties = vec![
        ("cluster".into(), Value::Bool(true)),
        ("point_count".into(), Value::Int(members.len() as i64)),
        ("category".into(), Value::Str(category.into())),
    ];
    if clustered {
        properties.push(("clustered".into(), Value::Bool(true)));
    }
    TileFeature {
        id: None,
        geometry: Geometry::Point(Point::new(
            mean(|p| p.representative_point.lon),
            mean(|p| p.representative_point.lat),
        )),
        properties,
    }
}

fn index(boxes: impl Iterator<Item = Option<Bbox>>) -> RTree<Indexed> {
    RTree::bulk_load(
        boxes
            .enumerate()
            .filter_map(|(i, b)| {
                let b = b?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([b.west, b.south], [b.east, b.north]),
                    i,
                ))
            })
            .collect(),
    )
}

#[derive(Debug, Default)]
struct Cache {
    tiles: HashMap<(LayerName, TileCoord), Arc<EncodedTile>>,
    order: VecDeque<(LayerName, TileCoord)>,
}

/// The places a tile layer draws, with their index; replaced whole when a
/// place changes (places number in the thousands, not millions).
#[derive(Debug, Default)]
struct PlaceSet {
    places: Vec<Place>,
    index: RTree<Indexed>,
}

impl PlaceSet {
    /// Tiles list a layer's places in this order, by id as bytes: which
    /// label wins where labels collide must not depend on the order the
    /// places were loaded or edited in, nor on the backend (PostGIS cuts
    /// these tiles in the same order).
    fn new(mut places: Vec<Place>) -> Self {
        places.sort_unstable_by(|a, b| a.id.0.cmp(&b.id.0));
        let index = index(places.iter().map(|p| p.shape.bbox()));
        Self { places, index }
    }
}

#[derive(Debug)]
pub struct TileService {
    places: RwLock<PlaceSet>,
    basemap: Vec<BasemapFeature>,
    /// Each feature's [`basemap_minzoom`], worked out once (it measures
    /// polygons' areas).
    basemap_minzoom: Vec<u8>,
    /// Each feature's geometry in Web Mercator world units, as encoded.
    basemap_world: Vec<Geometry<f64>>,
    /// Long lines and big polygons simplified once per zoom below
    /// [`FULL_DETAIL_ZOOM`]: (zoom, geometry in world units), ascending.
    basemap_generalised: Vec<Vec<(u8, Geometry<f64>)>>,
    basemap_index: RTree<Indexed>,
    /// Outlines never change; their figures do when a facility does.
    neighbourhoods: RwLock<Vec<TileFeature>>,
    neighbourhood_index: RTree<Indexed>,
    surface: RwLock<AccessSurfaces>,
    bounds: Bbox,
    attribution: String,
    cache: Mutex<Cache>,
    /// How many encoded tiles the cache keeps; 0 turns it off.
    cache_capacity: std::sync::atomic::AtomicUsize,
    /// Bumped on every change; part of the tile URLs in TileJSON, so a
    /// client that refetches TileJSON after a change bypasses every HTTP
    /// cache on the way.
    version: std::sync::atomic::AtomicU64,
    /// When this service was built (ns since 1970), also in the tile URLs:
    /// a server restarted on new data or at another walking pace counts
    /// from 1 again, and its tiles must not be the ones a browser kept
    /// (for `max-age`) under the last run's URLs.
    built: u128,
}

impl TileService {
    pub fn with_surface(mut self, surface: AccessSurfaces) -> Self {
        self.surface = RwLock::new(surface);
        self
    }

    /// `neighbourhoods` are ready-made features (polygons with their figures).
    pub fn new(
        places: Vec<Place>,
        basemap: Vec<BasemapFeature>,
        neighbourhoods: Vec<TileFeature>,
        attribution: String,
    ) -> Self {
        let minzooms: Vec<u8> = basemap.par_iter().map(basemap_minzoom).collect();
        // House numbers are kept for search, not drawn: no tile looks them up.
        let basemap_index = index(
            basemap
                .iter()
                .zip(&minzooms)
                .map(|(f, &z)| (z != NOT_DRAWN).then(|| Bbox::of(&f.geometry)).flatten()),
        );
        let basemap_generalised = basemap
            .par_iter()
            .zip(&minzooms)
            .map(|(f, &minzoom)| {
                (minzoom..FULL_DETAIL_ZOOM)
                    .filter_map(|z| generalise(&f.geometry, z).map(|g| (z, to_world(&g))))
                    .collect()
            })
            .collect();
        let basemap_world = basemap.par_iter().map(|f| to_world(&f.geometry)).collect();
        let neighbourhood_index = index(neighbourhoods.iter().map(|f| Bbox::of(&f.geometry)));
        let bounds = places
            .iter()
            .filter_map(|p| p.shape.bbox())
            .chain(basemap.iter().filter_map(|f| Bbox::of(&f.geometry)))
            .reduce(|a, b| a.union(&b))
            .unwrap_or(Bbox::new(-180.0, -85.0, 180.0, 85.0));
        Self {
            places: RwLock::new(PlaceSet::new(places)),
            basemap,
            basemap_minzoom: minzooms,
            basemap_world,
            basemap_generalised,
            basemap_index,
            neighbourhoods: RwLock::new(neighbourhoods),
            neighbourhood_index,
            surface: RwLock::new(AccessSurfaces::default()),
            bounds,
            attribution,
            cache: Mutex::new(Cache::default()),
            cache_capacity: std::sync::atomic::AtomicUsize::new(CACHE_TILES),
            version: std::sync::atomic::AtomicU64::new(1),
            built: (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH))
                .map_or(0, |d| d.as_nanos()),
        }
    }

    /// Sets how many encoded tiles are kept (0: encode every request,
    /// which the benchmarks use to measure fresh encoding).
    pub fn set_cache_capacity(&self, tiles: usize) {
        self.cache_capacity
            .store(tiles, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut cache) = self.cache.lock() {
            while cache.order.len() > tiles {
                if let Some(old) = cache.order.pop_front() {
                    cache.tiles.remove(&old);
                }
            }
        }
    }

    /// Takes over from `previous` after a reload: the same cache size, and
    /// a later version, so URLs of `previous`'s tiles are not reused.
    pub fn continue_from(&self, previous: &TileService) {
        self.set_cache_capacity(
            previous
                .cache_capacity
                .load(std::sync::atomic::Ordering::Relaxed),
        );
        self.version
            .store(previous.version() + 1, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn bounds(&self) -> Bbox {
        self.bounds
    }

    /// The data version: 1 at start, one more after each change.
    pub fn version(&self) -> u64 {
        self.version.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn bump(&self) {
        self.version
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// The extent of one layer: the neighbourhoods' own (the study area a
    /// map opens on), else that of all the data.
    pub fn layer_bounds(&self, layer: LayerName) -> Bbox {
        match layer {
            LayerName::Neighbourhoods => self
                .neighbourhoods
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .filter_map(|f| Bbox::of(&f.geometry))
                .reduce(|a, b| a.union(&b))
                .unwrap_or(self.bounds),
            _ => self.bounds,
        }
    }

    fn hits<'a>(tree: &'a RTree<Indexed>, coord: &TileCoord) -> impl Iterator<Item = usize> + 'a {
        let b = coord.bounds(f64::from(BUFFER), f64::from(EXTENT));
        let envelope = AABB::from_corners([b.west, b.south], [b.east, b.north]);
        let mut hits: Vec<usize> = tree
            .locate_in_envelope_intersecting(&envelope)
            .map(|e| e.data)
            .collect();
        hits.sort_unstable();
        hits.into_iter()
    }

    /// A place's features: its point, or from `PLACE_AREAS_FROM_ZOOM` an
    /// area's outline followed by its label point.
    fn place_features(place: &Place, coord: &TileCoord) -> Vec<TileFeature> {
        let mut properties = vec![
            ("id".to_string(), Value::Str(place.id.0.clone())),
            (
                "category".to_string(),
                Value::Str(place.category.as_str().into()),
            ),
        ];
        if let Some(name) = &place.name {
            properties.push(("name".into(), Value::Str(name.clone())));
        }
        for key in ["opening_hours", "wheelchair", "website"] {
            if let Some(v) = place.attribute(key) {
                properties.push((key.into(), Value::Str(v.into())));
            }
        }
        if place.source.0 == COMMONS_SOURCE {
            for key in ["offers", "access_terms", "licence", "location_precision"] {
                if let Some(v) = place.attribute(key) {
                    properties.push((key.into(), Value::Str(v.into())));
                }
            }
        }
        let point = Geometry::Point(Point::from(place.representative_point));
        match &place.shape {
            // Areas as outlines once they are big enough to see, each with
            // one point for its label: a label on the outline would be
            // placed again in every tile the outline crosses.
            Shape::Area(area) if coord.z >= PLACE_AREAS_FROM_ZOOM => {
                let mut label = properties.clone();
                label.push(("label_point".into(), Value::Bool(true)));
                vec![
                    TileFeature {
                        id: None,
                        geometry: Geometry::MultiPolygon(area.clone()),
                        properties,
                    },
                    TileFeature {
                        id: None,
                        geometry: point,
                        properties: label,
                    },
                ]
            }
            _ => vec![TileFeature {
                id: None,
                geometry: point,
                properties,
            }],
        }
    }

    /// A clustering cell's features. A place alone there is itself;
    /// several are one cluster, of their category or `mixed`. Where they
    /// are of several categories, each category's part comes too, marked
    /// `clustered` (one place as itself, several as a cluster of that
    /// category), so that a map showing some categories counts theirs
    /// alone. Places by id as bytes first, then clusters by category.
    fn cell_features(members: &[&Place], coord: &TileCoord) -> Vec<TileFeature> {
        if let [one] = members {
            return Self::place_features(one, coord);
        }
        let mut by_category: BTreeMap<&str, Vec<&Place>> = BTreeMap::new();
        for p in members {
            by_category.entry(p.category.as_str()).or_default().push(p);
        }
        let mut singles: Vec<&Place> = Vec::new();
        let mut clusters = Vec::new();
        if by_category.len() == 1 {
            let category = members[0].category.as_str();
            clusters.push((category, cluster_feature(members, category, false)));
        } else {
            clusters.push(("mixed", cluster_feature(members, "mixed", false)));
            for (category, part) in &by_category {
                match part.as_slice() {
                    [one] => singles.push(one),
                    _ => clusters.push((*category, cluster_feature(part, category, true))),
                }
            }
        }
        singles.sort_by(|a, b| a.id.0.as_bytes().cmp(b.id.0.as_bytes()));
        clusters.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let clustered = ("clustered".to_string(), Value::Bool(true));
        (singles.into_iter())
            .flat_map(|p| Self::place_features(p, coord))
            .map(|mut f| {
                f.properties.push(clustered.clone());
                f
            })
            .chain(clusters.into_iter().map(|(_, f)| f))
            .collect()
    }

    /// Approved commons resources, never clustered: a group's entry is
    /// always findable on its own.
    fn commons_layer(&self, coord: &TileCoord) -> TileLayer {
        let set = self.places.read().unwrap_or_else(|p| p.into_inner());
        TileLayer {
            name: "commons".into(),
            space: Space::LonLat,
            features: Self::hits(&set.index, coord)
                .map(|i| &set.places[i])
                .filter(|p| p.source.0 == COMMONS_SOURCE)
                .flat_map(|p| Self::place_features(p, coord))
                .collect(),
        }
    }

    fn places_layer(&self, coord: &TileCoord) -> TileLayer {
        let set = self.places.read().unwrap_or_else(|p| p.into_inner());
        let hits: Vec<&Place> = Self::hits(&set.index, coord)
            .map(|i| &set.places[i])
            .collect();
        let features = if coord.z >= CLUSTER_BELOW_ZOOM {
            hits.iter()
                .flat_map(|p| Self::place_features(p, coord))
                .collect()
        } else {
            // Per 1/16-tile cell: its places, or its clusters (`cell_features`).
            let mut cells: BTreeMap<(i64, i64), Vec<&Place>> = BTreeMap::new();
            for p in hits {
                let (x, y) = coord.to_tile(p.representative_point, f64::from(EXTENT));
                let key = (
                    (x / CLUSTER_CELL).floor() as i64,
                    (y / CLUSTER_CELL).floor() as i64,
                );
                cells.entry(key).or_default().push(p);
            }
            (cells.into_values())
                .flat_map(|members| Self::cell_features(&members, coord))
                .collect()
        };
        TileLayer {
            name: "places".into(),
            space: Space::LonLat,
            features,
        }
    }

    /// Grid cells with walk minutes per category, by walks taking or
    /// avoiding `steps`; coarser at low zoom so a cell is never much under
    /// 8 tile units across.
    fn access_layer(&self, coord: &TileCoord, steps: Steps) -> TileLayer {
        let factor = access_factor(coord.z);
        let b = coord.bounds(0.0, f64::from(EXTENT));
        let features = if coord.z < ACCESS_MINZOOM {
            Vec::new()
        } else {
            self.surface
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .of(steps)
                .cells_in(&b, factor)
                .into_iter()
                .map(|(cell, minutes)| {
                    let square = geo_types::Polygon::new(
                        geo_types::LineString::from(vec![
                            (cell.west, cell.south),
                            (cell.east, cell.south),
                            (cell.east, cell.north),
                            (cell.west, cell.north),
                            (cell.west, cell.south),
                        ]),
                        Vec::new(),
                    );
                    let round = |m: f32| Value::Double((f64::from(m) * 10.0).round() / 10.0);
                    let mut properties: Vec<(String, Value)> = Category::ALL
                        .iter()
                        .zip(minutes)
                        .filter(|(_, m)| m.is_finite())
                        .map(|(c, m)| (format!("{}_min", c.as_str()), round(m)))
                        .collect();
                    // The nearest learning space of any kind.
                    if let Some(any) = minutes
                        .iter()
                        .copied()
                        .filter(|m| m.is_finite())
                        .reduce(f32::min)
                    {
                        properties.push(("all_min".into(), round(any)));
                    }
                    TileFeature {
                        id: None,
                        geometry: Geometry::Polygon(square),
                        properties,
                    }
                })
                .collect()
        };
        let layer = match steps {
            Steps::Taken => LayerName::Access,
            Steps::Avoided => LayerName::AccessStepFree,
        };
        TileLayer {
            name: layer.as_str().into(),
            space: Space::LonLat,
            features,
        }
    }

    fn basemap_layer(&self, coord: &TileCoord) -> TileLayer {
        let features = Self::hits(&self.basemap_index, coord)
            .map(|i| (i, &self.basemap[i]))
            .filter(|(i, _)| self.basemap_minzoom[*i] <= coord.z)
            .map(|(i, f)| {
                let geometry = self.basemap_generalised[i]
                    .iter()
                    .find(|(z, _)| *z == coord.z)
                    .map_or(&self.basemap_world[i], |(_, g)| g);
                let mut properties = vec![
                    ("kind".to_string(), Value::Str(f.kind.as_str().into())),
                    ("class".to_string(), Value::Str(f.class.clone())),
                ];
                if let Some(name) = &f.name {
                    properties.push(("name".into(), Value::Str(name.clone())));
                }
                if let BasemapKind::Building { residential } = f.kind {
                    properties.push(("residential".into(), Value::Bool(residential)));
                }
                if let Some(p) = f.population {
                    properties.push(("population".into(), Value::Int(p as i64)));
                }
                TileFeature {
                    id: None,
                    geometry: geometry.clone(),
                    properties,
                }
            })
            .collect();
        TileLayer {
            name: "basemap".into(),
            space: Space::World,
            features,
        }
    }

    /// True when no layer has anything to draw.
    pub fn is_empty(&self) -> bool {
        let set = self.places.read().unwrap_or_else(|p| p.into_inner());
        set.places.is_empty()
            && self.basemap.is_empty()
            && self
                .neighbourhoods
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .is_empty()
    }

    /// The tiles at zoom `z` that some feature's bounding box meets: an
    /// extract of distant regions costs what its data costs, not what the
    /// box around it would.
    pub fn data_tiles(&self, z: u8) -> Vec<TileCoord> {
        let set = self.places.read().unwrap_or_else(|p| p.into_inner());
        let neighbourhoods = self
            .neighbourhoods
            .read()
            .unwrap_or_else(|p| p.into_inner());
        let surface = self.surface.read().unwrap_or_else(|p| p.into_inner());
        let boxes = set
            .places
            .iter()
            .filter_map(|p| p.shape.bbox())
            .chain(self.basemap.iter().filter_map(|f| Bbox::of(&f.geometry)))
            .chain(neighbourhoods.iter().filter_map(|f| Bbox::of(&f.geometry)))
            .chain(surface.taken.cell_boxes());
        let mut tiles: Vec<TileCoord> = boxes.flat_map(|b| TileCoord::covering(&b, z)).collect();
        tiles.sort_unstable();
        tiles.dedup();
        tiles
    }

    /// What `layer` shows in the tile at `coord`.
    pub fn layer_content(&self, layer: LayerName, coord: TileCoord) -> TileLayer {
        match layer {
            LayerName::Places => self.places_layer(&coord),
            LayerName::Basemap => self.basemap_layer(&coord),
            LayerName::Access => self.access_layer(&coord, Steps::Taken),
            LayerName::AccessStepFree => self.access_layer(&coord, Steps::Avoided),
            LayerName::Commons => self.commons_layer(&coord),
            LayerName::Neighbourhoods => {
                let features = self
                    .neighbourhoods
                    .read()
                    .unwrap_or_else(|p| p.into_inner());
                TileLayer {
                    name: "neighbourhoods".into(),
                    space: Space::LonLat,
                    features: Self::hits(&self.neighbourhood_index, &coord)
                        .filter_map(|i| features.get(i).cloned())
                        .collect(),
                }
            }
        }
    }

    /// Writes `layers` at zooms `zooms` into a PMTiles v3 archive (tiles
    /// gzipped, each holding every chosen layer) for static hosting.
    pub fn export_pmtiles(
        &self,
        layers: &[LayerName],
        zooms: std::ops::RangeInclusive<u8>,
        out: &std::path::Path,
    ) -> Result<ExportSummary, TileError> {
        let fail = |e: String| TileError::Encode(format!("{}: {e}", out.display()));
        let file = std::fs::File::create(out).map_err(|e| fail(e.to_string()))?;
        let b = self.bounds;
        let vector_layers: Vec<serde_json::Value> = layers
            .iter()
            .map(|l| self.tilejson(*l, "")["vector_layers"][0].clone())
            .collect();
        let metadata = serde_json::json!({
            "name": "learnscape",
            "attribution": self.attribution,
            "vector_layers": vector_layers,
        });
        let mut writer = pmtiles::PmTilesWriter::new(pmtiles::TileType::Mvt)
            .tile_compression(pmtiles::Compression::Gzip)
            .min_zoom(*zooms.start())
            .max_zoom(*zooms.end())
            .bounds(b.west, b.south, b.east, b.north)
            .center((b.west + b.east) / 2.0, (b.south + b.north) / 2.0)
            .metadata(metadata.to_string())
            .create(std::io::BufWriter::new(file))
            .map_err(|e| fail(e.to_string()))?;
        let mut summary = ExportSummary::default();
        if self.is_empty() {
            return Err(fail("the store holds nothing to draw".into()));
        }
        for z in zooms {
            let mut coords = self.data_tiles(z);
            // Tile ids grow along the Hilbert curve; any order is valid.
            coords.sort_by_key(|c| {
                pmtiles::TileCoord::new(c.z, c.x, c.y)
                    .map_or(u64::MAX, |t| pmtiles::TileId::from(t).value())
            });
            for coord in coords {
                let contents: Vec<TileLayer> = layers
                    .iter()
                    .map(|l| self.layer_content(*l, coord))
                    .collect();
                let raw = encode_tile(coord, &contents)?;
                if raw.is_empty() {
                    continue;
                }
                let at = pmtiles::TileCoord::new(coord.z, coord.x, coord.y)
                    .map_err(|e| fail(e.to_string()))?;
                writer.add_tile(at, &raw).map_err(|e| fail(e.to_string()))?;
                summary.tiles += 1;
                summary.bytes += raw.len();
            }
        }
        writer.finalize().map_err(|e| fail(e.to_string()))?;
        Ok(summary)
    }

    /// The tile if it is in the cache: cheap enough to call on the async
    /// runtime, so only misses pay for a blocking task.
    pub fn cached(&self, layer: LayerName, coord: TileCoord) -> Option<Arc<EncodedTile>> {
        self.cache
            .lock()
            .ok()
            .and_then(|c| c.tiles.get(&(layer, coord)).cloned())
    }

    /// The tile, from the cache or freshly encoded.
    pub fn tile(&self, layer: LayerName, coord: TileCoord) -> Result<Arc<EncodedTile>, TileError> {
        if let Some(hit) = self.cached(layer, coord) {
            return Ok(hit);
        }
        let raw = encode_tile(coord, &[self.layer_content(layer, coord)])?;
        self.keep(layer, coord, raw)
    }

    /// Compresses `raw`, gives it its ETag and caches it: for tiles encoded
    /// here and those cut by the database alike.
    pub fn keep(
        &self,
        layer: LayerName,
        coord: TileCoord,
        raw: Vec<u8>,
    ) -> Result<Arc<EncodedTile>, TileError> {
        let key = (layer, coord);
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&raw)
            .and_then(|()| gz.flush())
            .map_err(|e| TileError::Encode(e.to_string()))?;
        let gzip = gz.finish().map_err(|e| TileError::Encode(e.to_string()))?;
        let mut hasher = DefaultHasher::new();
        raw.hash(&mut hasher);
        let tile = Arc::new(EncodedTile {
            etag: format!("\"{}-{:016x}\"", layer.as_str(), hasher.finish()),
            raw,
            gzip,
        });
        let capacity = self
            .cache_capacity
            .load(std::sync::atomic::Ordering::Relaxed);
        if capacity > 0
            && let Ok(mut cache) = self.cache.lock()
        {
            if cache.order.len() >= capacity
                && let Some(old) = cache.order.pop_front()
            {
                cache.tiles.remove(&old);
            }
            // Two requests may encode the same tile at once; keep one entry.
            if cache.tiles.insert(key, tile.clone()).is_none() {
                cache.order.push_back(key);
            }
        }
        Ok(tile)
    }

    /// Adds or replaces a place (a commons resource approved or edited)
    /// and drops exactly the cached `places` tiles it was or is now in.
    pub fn upsert_place(&self, place: Place) {
        let mut touched: Vec<Bbox> = place.shape.bbox().into_iter().collect();
        {
            let mut set = self.places.write().unwrap_or_else(|p| p.into_inner());
            let mut places = std::mem::take(&mut set.places);
            if let Some(old) = places.iter().position(|p| p.id == place.id) {
                touched.extend(places[old].shape.bbox());
                places.remove(old);
            }
            places.push(place);
            *set = PlaceSet::new(places);
        }
        self.forget(LayerName::Places, &touched);
        self.forget(LayerName::Commons, &touched);
        self.bump();
    }

    /// Removes a place; false if there was none.
    pub fn remove_place(&self, id: &learnscape_core::PlaceId) -> bool {
        let touched: Vec<Bbox> = {
            let mut set = self.places.write().unwrap_or_else(|p| p.into_inner());
            let mut places = std::mem::take(&mut set.places);
            let Some(old) = places.iter().position(|p| &p.id == id) else {
                *set = PlaceSet::new(places);
                return false;
            };
            let gone = places.remove(old);
            *set = PlaceSet::new(places);
            gone.shape.bbox().into_iter().collect()
        };
        self.forget(LayerName::Places, &touched);
        self.forget(LayerName::Commons, &touched);
        self.bump();
        true
    }

    /// New figures on the same neighbourhood outlines after a change to
    /// facilities, and the access surfaces' cells it `moved` walked again
    /// on `snapshot`: the neighbourhoods' cached tiles are dropped, and
    /// the surfaces' where a cell changed. Features must come in the same
    /// order as before.
    pub fn refresh_figures(
        &self,
        neighbourhoods: Vec<TileFeature>,
        snapshot: &AccessSnapshot,
        moved: &[Moved],
    ) {
        *self
            .neighbourhoods
            .write()
            .unwrap_or_else(|p| p.into_inner()) = neighbourhoods;
        // Walked under the read lock, so tiles are drawn meanwhile; one
        // change at a time comes here (`commons::apply_public`).
        let rewalked =
            (self.surface.read().unwrap_or_else(|p| p.into_inner())).rewalk(snapshot, moved);
        // A cell's change is drawn in every tile its coarsest mean meets.
        let coarsest = access_factor(ACCESS_MINZOOM);
        let changed =
            (self.surface.write().unwrap_or_else(|p| p.into_inner())).apply(rewalked, coarsest);
        if let Ok(mut cache) = self.cache.lock() {
            let neighbourhoods = |l: &LayerName| *l == LayerName::Neighbourhoods;
            cache.tiles.retain(|(l, _), _| !neighbourhoods(l));
            cache.order.retain(|(l, _)| !neighbourhoods(l));
        }
        let layers = [LayerName::Access, LayerName::AccessStepFree];
        for (layer, changed) in layers.into_iter().zip(changed) {
            if let Some(b) = changed {
                self.forget(layer, &[b]);
            }
        }
        self.bump();
    }

    /// Drops the cached tiles of `layer` whose buffered area meets any box.
    fn forget(&self, layer: LayerName, boxes: &[Bbox]) {
        if let Ok(mut cache) = self.cache.lock() {
            let stale: Vec<(LayerName, TileCoord)> = cache
                .tiles
                .keys()
                .filter(|(l, c)| {
                    *l == layer && {
                        let b = c.bounds(f64::from(BUFFER), f64::from(EXTENT));
                        boxes.iter().any(|x| x.intersects(&b))
                    }
                })
                .copied()
                .collect();
            for key in stale {
                cache.tiles.remove(&key);
                cache.order.retain(|k| *k != key);
            }
        }
    }

    /// TileJSON 3.0.0 for a layer; `base` is the server's URL.
    pub fn tilejson(&self, layer: LayerName, base: &str) -> serde_json::Value {
        let field = |k: &str, v: &str| (k.to_string(), v.to_string());
        let (description, minzoom, fields) = match layer {
            LayerName::Places => (
                "Learning spaces: points (areas as outlines from z14, each with a label point); below z12 clustered per 1/16 tile with point_count",
                0,
                vec![
                    field("id", "String: place id (source:reference)"),
                    field(
                        "category",
                        "String: one of categories.md, or \"mixed\" for a cluster",
                    ),
                    field("name", "String"),
                    field("opening_hours", "String: OSM opening_hours"),
                    field("wheelchair", "String: yes/limited/no"),
                    field("website", "String"),
                    field("cluster", "Boolean: true for a cluster (z < 12)"),
                    field("point_count", "Number: places in the cluster"),
                    field(
                        "clustered",
                        "Boolean: true on one category's part of a \"mixed\" cluster, a place or a cluster of that category; a map of every category leaves these out, a map of some shows them and no \"mixed\" cluster",
                    ),
                    field(
                        "label_point",
                        "Boolean: true on the point that stands for an area drawn as its outline (z14+); label areas there",
                    ),
                ],
            ),
            LayerName::Basemap => (
                "Roads by class (major from z8, minor and pedestrian z12, paths z14), water (z6), green and landuse (z10), railways (z10), buildings (z14), place labels",
                0,
                vec![
                    field(
                        "kind",
                        "String: road, railway, water, waterway, green, landuse, building, place_label",
                    ),
                    field(
                        "class",
                        "String: e.g. primary, minor, pedestrian, path; park; house",
                    ),
                    field("name", "String"),
                    field("residential", "Boolean: buildings only (walk-model.md §4)"),
                    field("population", "Number: place labels only"),
                ],
            ),
            LayerName::Access | LayerName::AccessStepFree => (
                match layer {
                    LayerName::Access => {
                        "Walking minutes to the nearest facility of each category on a grid of about 110 m (z13+), coarser cells further out (from z8); no cell where the street network is more than 250 m away"
                    }
                    _ => {
                        "As the access layer, for walks that avoid steps (highway=steps): the same cells, minutes around the steps; no cell where the streets without steps are more than 250 m away"
                    }
                },
                ACCESS_MINZOOM,
                Category::ALL
                    .iter()
                    .map(|c| {
                        (
                            format!("{}_min", c.as_str()),
                            format!(
                                "Number: walk minutes to the nearest {} (absent: none reachable)",
                                c.label()
                            ),
                        )
                    })
                    .chain(std::iter::once(field(
                        "all_min",
                        "Number: walk minutes to the nearest learning space of any kind",
                    )))
                    .collect(),
            ),
            LayerName::Commons => (
                "Shared resources registered by commoning groups and approved by moderators (also in places); sensitive ones at the centre of a fixed ~1 km cell",
                0,
                vec![
                    field("id", "String: commons:N (GET /api/v1/resources/N)"),
                    field("category", "String: one of categories.md"),
                    field("name", "String"),
                    field("offers", "String: what it offers"),
                    field("access_terms", "String: who may use it, on what terms"),
                    field("opening_hours", "String: OSM opening_hours"),
                    field("website", "String"),
                    field("licence", "String: CC0 1.0 or ODbL 1.0"),
                    field(
                        "location_precision",
                        "String: present for sensitive resources",
                    ),
                    field(
                        "label_point",
                        "Boolean: true on the point that stands for an outline (z14+)",
                    ),
                ],
            ),
            LayerName::Neighbourhoods => (
                "Neighbourhood outlines with their provision figures for every category and default threshold, so a map restyles without refetching",
                0,
                vec![
                    field("id", "String"),
                    field("name", "String"),
                    field("population", "Number: modelled residents"),
                    field(
                        "off_network_share",
                        "Number: 0–1, residents more than 250 m from any street in the data (absent: none); they count as uncovered for every category",
                    ),
                    field(
                        "{category}_{minutes}_uncovered",
                        "Number: residents without that category within that many minutes (minutes 5, 10, 15, 20, 30; category `all`: any learning space)",
                    ),
                    field("{category}_{minutes}_uncovered_share", "Number: 0–1"),
                    field(
                        "{category}_{minutes}_e2sfca",
                        "Number: E2SFCA per 10,000 residents",
                    ),
                    field(
                        "{category}_p50_min",
                        "Number: median walk minutes to the nearest",
                    ),
                ],
            ),
        };
        tilejson(&TileSet {
            name: format!("learnscape {}", layer.as_str()),
            description: description.to_string(),
            tiles: format!(
                "{base}/tiles/{}/{{z}}/{{x}}/{{y}}.mvt?v={:x}.{}",
                layer.as_str(),
                self.built,
                self.version()
            ),
            bounds: self.layer_bounds(layer),
            minzoom,
            maxzoom: MAX_ZOOM.min(16),
            attribution: self.attribution.clone(),
            layers: vec![VectorLayer {
                id: layer.as_str().to_string(),
                description: description.to_string(),
                minzoom,
                maxzoom: MAX_ZOOM.min(16),
                fields,
            }],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(tiles: &TileService) -> String {
        let doc = tiles.tilejson(LayerName::Neighbourhoods, "http://localhost");
        doc["tiles"][0].as_str().unwrap_or_default().to_string()
    }

    #[test]
    fn a_restarted_server_never_reuses_the_tile_urls_of_the_last_run() {
        let first = TileService::new(Vec::new(), Vec::new(), Vec::new(), String::new());
        let second = TileService::new(Vec::new(), Vec::new(), Vec::new(), String::new());
        assert_eq!(first.version(), second.version(), "both count from 1");
        assert_ne!(template(&first), template(&second));
        // Within one run, a change moves the URLs on too.
        let before = template(&second);
        second.bump();
        assert_ne!(template(&second), before);
    }
}
