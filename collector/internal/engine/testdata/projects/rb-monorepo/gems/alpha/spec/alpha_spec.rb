describe 'Alpha' do
  it 'works' do
  end
end
