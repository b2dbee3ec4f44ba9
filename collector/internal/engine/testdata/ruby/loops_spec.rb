require 'spec_helper'

RSpec.describe Calculator do
  [1, 2, 3].each do |n|
    it "doubles #{n}" do
      expect(described_class.double(n)).to eq(n * 2)
    end
  end

  %w[add subtract].each do |op|
    it "responds to #{op}" do
      expect(described_class).to respond_to(op)
    end

    it 'has a fixed name inside the loop' do
      expect(op).to be_a(String)
    end
  end

  OPERATIONS.each do |op|
    it "supports #{op}" do
    end
  end

  [:a, :b].each do |sym|
    context "with #{sym}" do
      it 'works' do
      end
    end
  end

  [[1, 2], [3, 4]].each do |pair|
    it "sums #{pair}" do
    end
  end

  3.times do |i|
    it "runs #{i}" do
    end
  end
end
