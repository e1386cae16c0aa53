//! Which places residents rely on most: of those within the walk of each,
//! how many have no other place of its kind within it. The ranking a
//! planner reads before a budget is cut; the closure answers for one place
//! (and agrees), this for every place of a kind at once.

use super::Analysis;
use crate::engine::AccessEngine;
use learnscape_core::{Category, LonLat, PlaceId};

/// How much the residents within its walk rely on one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliance {
    pub id: PlaceId,
    pub name: Option<String>,
    /// For an unnamed place, the street it goes by.
    pub near_street: Option<String>,
    /// Where a map marks it.
    pub at: LonLat,
    /// Residents within the walk of it.
    pub within: f64,
    /// Of them, those no other place of its category reaches within the
    /// walk: whom its closing would leave out ([`Analysis::closure`]).
    pub sole: f64,
    /// The area most of `sole` live in, by area index; `None` where nobody
    /// relies on it alone, or those who do live outside every area.
    pub area: Option<usize>,
}

impl Analysis {
    /// Every place of `category` the engine holds, most relied on first:
    /// by residents who have no other within `minutes`, then by residents
    /// within, then by id. One search from each place, not one closure
    /// each: a resident reached by one place alone is its `sole`.
    pub fn reliance(
        &self,
        engine: &AccessEngine,
        category: Category,
        minutes: f64,
    ) -> Vec<Reliance> {
        let limit_m = minutes * engine.speed().meters_per_minute();
        let catchments = engine.catchments_of(category, limit_m, &self.demand);
        let mut reaching = vec![0u32; self.points.len()];
        for (_, c) in &catchments {
            for &(i, _) in &c.reached {
                reaching[i] += 1;
            }
        }
        // Areas may overlap: a point counts in each it lies in, as in
        // every other figure by area.
        let mut areas_of: Vec<Vec<usize>> = vec![Vec::new(); self.points.len()];
        for (k, members) in self.members.iter().enumerate() {
            for &i in members {
                areas_of[i].push(k);
            }
        }
        let mut ranked: Vec<Reliance> = (catchments.iter())
            .map(|(facility, c)| {
                let (mut within, mut sole) = (0.0, 0.0);
                let mut by_area = vec![0.0; self.members.len()];
                for &(i, _) in &c.reached {
                    within += self.population[i];
                    if reaching[i] == 1 {
                        sole += self.population[i];
                        for &k in &areas_of[i] {
                            by_area[k] += self.population[i];
                        }
                    }
                }
                let area = (0..by_area.len())
                    .filter(|&k| by_area[k] > 0.0)
                    .max_by(|&a, &b| by_area[a].total_cmp(&by_area[b]).then(b.cmp(&a)));
                Reliance {
                    id: facility.id.clone(),
                    name: facility.name.clone(),
                    near_street: facility.near_street.clone(),
                    at: facility.representative_point,
                    within,
                    sole,
                    area,
                }
            })
            .collect();
        ranked.sort_by(|a, b| {
            (b.sole.total_cmp(&a.sole))
                .then(b.within.total_cmp(&a.within))
                .then_with(|| a.id.cmp(&b.id))
        });
        ranked
    }
}
