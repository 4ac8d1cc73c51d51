package demo

import "sync"

// world is the town in one state with its faces, built once and shared
// read-only by the renders.
type world struct {
	town  *town
	faces []*face
	lines []line3
}

// shadowKey names a shadow map: the state of the town (0 before, 1 after)
// and the light.
type shadowKey [2]int

func keyOf(s shot) shadowKey { return shadowKey{b2i(s.after), int(s.light)} }

// shadowSlot is the shadow map of one state and light, made by the first
// render that needs it and dropped after the last (a map is 17 to 55 MB).
type shadowSlot struct {
	once  sync.Once
	sm    *shadowMap
	users int // shots of Generate still to render with it
}

// worlds is the town before and after, and one shadow map per state and
// light that the shots need.
type worlds struct {
	state   [2]*world // before, after
	mu      sync.Mutex
	shadows map[shadowKey]*shadowSlot // its keys are set by buildWorlds
}

func buildWorlds(list []shot) *worlds {
	ws := &worlds{shadows: map[shadowKey]*shadowSlot{}}
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
	for _, s := range list {
		k := keyOf(s)
		if ws.shadows[k] == nil {
			ws.shadows[k] = &shadowSlot{}
		}
		ws.shadows[k].users++
	}
	return ws
}

// shadowFor returns the shadow map of s's state and light, making it on
// first use.
func (ws *worlds) shadowFor(s shot) *shadowMap {
	k := keyOf(s)
	sl := ws.shadows[k]
	sl.once.Do(func() {
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
		sl.sm = sm
	})
	return sl.sm
}

// rendered drops s's shadow map once every shot that uses it is rendered.
func (ws *worlds) rendered(s shot) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if sl := ws.shadows[keyOf(s)]; sl != nil {
		if sl.users--; sl.users == 0 {
			sl.sm = nil
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scratch is what one worker reuses from shot to shot: a frame and the
// graded pixels. Rendering the shots one after the other in it keeps the
// memory of the renders to one frame a worker.
type scratch struct {
	fr  frame
	pix []uint8
}

// renderShot renders a shot at w×h (upright), grades it and stamps its
// credit line if it has one.
func (ws *worlds) renderShot(s shot, w, h int) ([]uint8, error) {
	return ws.renderShotIn(&scratch{}, s, w, h)
}

// renderShotIn is renderShot with the buffers of sc; the pixels returned
// are sc's, valid until its next render.
func (ws *worlds) renderShotIn(sc *scratch, s shot, w, h int) ([]uint8, error) {
	wd := ws.state[b2i(s.after)]
	L := lightFor(s.light)
	scn := &scene{
		faces:  wd.faces,
		ground: wd.town.groundFace(L.sun),
		light:  L,
		smoke:  s.smoke,
		shadow: ws.shadowFor(s),
		lines:  wd.lines,
	}
	cam := s.cam(w, h)
	sc.fr.render(scn, &cam)
	sc.pix = sc.fr.finish(s.grade, sc.pix)
	if s.watermark != "" {
		if err := stamp(sc.pix, w, h, s.watermark); err != nil {
			return nil, err
		}
	}
	return sc.pix, nil
}
