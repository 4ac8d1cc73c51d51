package demo

import "sync"

// world is the town in one state with its faces, built once and shared
// read-only by the renders.
type world struct {
	town  *town
	faces []*face
	lines []line3
	sun   vec3
	light light
}

// worlds builds the town before and after, and one shadow map per state
// and light that the shots need.
type worlds struct {
	state   [2]*world // before, after
	shadows map[[2]int]*shadowMap
}

func buildWorlds(list []shot) *worlds {
	ws := &worlds{shadows: map[[2]int]*shadowMap{}}
	var wg sync.WaitGroup
	for i := range ws.state {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := makeTown(i == 1)
			fs, ls := t.sceneFaces()
			ws.state[i] = &world{town: t, faces: fs, lines: ls}
		}()
	}
	wg.Wait()
	var mu sync.Mutex
	seen := map[[2]int]bool{}
	for _, s := range list {
		k := [2]int{b2i(s.after), int(s.light)}
		if seen[k] {
			continue
		}
		seen[k] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			L := lightFor(s.light)
			half, n := 170.0, 3072
			if s.satellite {
				half, n = 150, 2048
			}
			faces := ws.state[k[0]].faces
			sm := newShadowMap(faces, L.sun, v3(0, 0, 0), half, n)
			if !s.satellite {
				sm.fine = newShadowMap(faces, L.sun, v3(3, 0, 12), 30, 2048)
			}
			mu.Lock()
			ws.shadows[k] = sm
			mu.Unlock()
		}()
	}
	wg.Wait()
	return ws
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// renderShot renders a shot at w×h (upright), grades it and stamps its
// credit line if it has one.
func (ws *worlds) renderShot(s shot, w, h int) ([]uint8, error) {
	wd := ws.state[b2i(s.after)]
	L := lightFor(s.light)
	sc := &scene{
		faces:  wd.faces,
		ground: wd.town.groundFace(L.sun),
		light:  L,
		smoke:  s.smoke,
		shadow: ws.shadows[[2]int{b2i(s.after), int(s.light)}],
		lines:  wd.lines,
	}
	cam := s.cam(w, h)
	fr := render(sc, &cam)
	pix := fr.finish(s.grade)
	framePool.Put(fr)
	if s.watermark != "" {
		if err := stamp(pix, w, h, s.watermark); err != nil {
			return nil, err
		}
	}
	return pix, nil
}
