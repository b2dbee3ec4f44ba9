describe('Player', function () {
  var player;
  var song;

  beforeEach(function () {
    player = new Player();
    song = new Song();
    spyOn(song, 'persistFavoriteStatus');
  });

  it('should be able to play a Song', function () {
    player.play(song);
    expect(player.currentlyPlayingSong).toEqual(song);
  });

  describe('when song has been paused', function () {
    beforeEach(function () {
      player.play(song);
      player.pause();
    });

    fit('should indicate that the song is currently paused', function () {
      expect(player.isPlaying).toBeFalsy();
    });

    xit('should be possible to resume', function () {
      player.resume();
    });

    it('is not written yet');

    it('calls pending() at run time', function () {
      pending('decided at run time, so active in source');
    });
  });

  fdescribe('focused group', function () {
    it('runs exclusively', function () {
      var spy = jasmine.createSpy('cb');
      spy();
      expect(spy).toHaveBeenCalled();
    });
  });
});
